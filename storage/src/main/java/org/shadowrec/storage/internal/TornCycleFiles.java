package org.shadowrec.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a process killed while Chronicle was creating them leaves behind: a roll-cycle file ({@code *.cq4}) or the
 * queue's table store ({@code metadata.cq4t}) whose first header was never completed (the file is shorter than a
 * header, the header word is still 0, or its "not complete" bit is set). Nothing can have been written after such a
 * header, so the file holds no frame; left in place, every Chronicle access to its cycle waits for the dead writer
 * (the takeover timeout) before setting it aside, and a tailer that opened on it reads nothing more. Removed when the
 * journal opens, under its {@link JournalLock}, before Chronicle sees the directory.
 */
public final class TornCycleFiles {
    /** Chronicle's header word: bit 31 "not complete" (being written), bit 30 metadata, bits 0-29 the length. */
    private static final int NOT_COMPLETE = 0x8000_0000;

    private TornCycleFiles() {}

    /** Deletes the torn files directly in {@code directory}; returns their names. */
    public static List<String> remove(Path directory) throws IOException {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".cq4") || name.equals("metadata.cq4t");
        })) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && torn(f)) {
                    Files.delete(f);
                    removed.add(f.getFileName().toString());
                }
            }
        }
        return removed;
    }

    /** True when the first header of the file was never completed. */
    static boolean torn(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    return true; // shorter than a header word
                }
            }
            int header = b.getInt(0);
            return header == 0 || (header & NOT_COMPLETE) != 0;
        }
    }
}
