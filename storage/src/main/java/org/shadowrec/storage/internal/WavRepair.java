package org.shadowrec.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.shadowrec.storage.api.RecordingFiles;
import org.shadowrec.storage.api.RecoveryReport;
import org.shadowrec.storage.api.RecoveryReport.Entry;
import org.shadowrec.storage.api.RecoveryReport.Status;

/**
 * Start-up repair of recordings a crash left unfinished. Idempotent; never deletes. A partial WAV is cut to whole
 * frames and its RIFF and data sizes are set from the file length, so it plays everything that reached the disk.
 */
public final class WavRepair {
    private static final String WAV_PARTIAL = ".wav" + RecordingFiles.PARTIAL_SUFFIX;

    private WavRepair() {
    }

    /** Scans {@code root/<id>/} for recordings without {@code recording.json}. */
    public static RecoveryReport recover(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new RecoveryReport(root, entries);
        }
        TreeSet<String> ids = new TreeSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (SafeNames.isSafe(name) && Files.isDirectory(d)) {
                    ids.add(name);
                }
            }
        }
        for (String id : ids) {
            Path dir = root.resolve(id);
            if (Files.exists(dir.resolve(RecordingFiles.METADATA))) {
                continue;
            }
            for (Path partial : partials(dir)) {
                entries.add(repair(id, partial));
            }
            Path audio = dir.resolve(RecordingFiles.AUDIO);
            if (Files.isRegularFile(audio)) {
                entries.add(new Entry(id, audio, Status.AUDIO_WITHOUT_METADATA, Files.size(audio), -1, 0));
            }
        }
        return new RecoveryReport(root, entries);
    }

    /** Every {@code *.wav.partial} in {@code dir} ({@code audio.wav.partial} is the only one written today). */
    private static List<Path> partials(Path dir) throws IOException {
        TreeSet<Path> found = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + WAV_PARTIAL)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    found.add(f);
                }
            }
        }
        return List.copyOf(found);
    }

    /** Makes one partial WAV consistent with its length. */
    public static Entry repair(String id, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(WavHeader.BYTES);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // read the header
            }
            head.flip();
            WavHeader.Parsed h = WavHeader.parse(head);
            if (h == null) {
                return new Entry(id, file, Status.UNREADABLE, size, -1, 0);
            }
            long data = Math.min(size - WavHeader.BYTES, WavHeader.MAX_DATA_BYTES);
            data -= data % h.blockAlign();
            long keep = WavHeader.BYTES + data;
            long truncated = size - keep;
            boolean changed = false;
            if (truncated > 0) {
                ch.truncate(keep);
                changed = true;
            }
            if (h.riffSize() != 36 + data || h.dataSize() != data) {
                ch.write(WavHeader.size(36 + data), WavHeader.RIFF_SIZE_OFFSET);
                ch.write(WavHeader.size(data), WavHeader.DATA_SIZE_OFFSET);
                changed = true;
            }
            if (changed) {
                ch.force(true);
            }
            return new Entry(id, file, changed ? Status.REPAIRED : Status.CONSISTENT, size, data, truncated);
        }
    }
}
