package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.storage.api.RecordingFiles;
import org.shadowrec.storage.api.RecordingStore;
import org.shadowrec.storage.api.RecordingStoreConfig;
import org.shadowrec.storage.api.RecoveryReport;
import org.shadowrec.storage.api.RecoveryReport.Status;

class RecoveryTest {
    private static final int RATE = 8000;

    @TempDir
    Path work;

    /** A partial WAV as a crash leaves it: 5 s of 2-channel pattern, never completed. */
    private byte[] crashedPartial() throws Exception {
        Path out = work.resolve("writer");
        RecordingStore store = new RecordingStore(out, new RecordingStoreConfig(Duration.ofSeconds(1), 4096));
        RecordingSink sink = store.open("crashed", 2, RATE);
        RecordingStoreTest.writePattern(sink, 0, RATE * 5, 2, new SplittableRandom(11));
        return Files.readAllBytes(out.resolve("crashed").resolve(RecordingFiles.AUDIO_PARTIAL));
    }

    private static int le32(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off);
    }

    @Test
    void truncatedPartialsAreRepairedToValidWavs() throws Exception {
        byte[] partial = crashedPartial();
        assertTrue(partial.length > 44 + 4 * RATE * 4, "most of the audio reached the file: " + partial.length);
        Path root = work.resolve("out");
        Random rnd = new Random(20261202L);
        List<Integer> cuts = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            int cut = 44 + rnd.nextInt(partial.length - 44 + 1);
            cuts.add(cut);
            Path dir = Files.createDirectories(root.resolve("rec-" + k));
            Files.write(dir.resolve(RecordingFiles.AUDIO_PARTIAL), Arrays.copyOf(partial, cut));
        }
        assertTrue(cuts.stream().anyMatch(c -> (c - 44) % 4 != 0), "some cut splits a frame: " + cuts);

        RecoveryReport report = RecordingStore.recover(root);
        assertEquals(10, report.entries().size());
        for (int k = 0; k < 10; k++) {
            RecoveryReport.Entry e = report.entries().get(k);
            int cut = cuts.get(k);
            Path file = root.resolve("rec-" + k).resolve(RecordingFiles.AUDIO_PARTIAL);
            assertEquals("rec-" + k, e.id());
            assertEquals(file, e.file());
            assertEquals(cut, e.fileBytes());
            long data = (cut - 44) / 4 * 4L;
            assertEquals(data, e.dataBytes(), "cut " + cut);
            assertEquals(cut - 44 - data, e.bytesTruncated());
            assertEquals(Status.REPAIRED, e.status(), "cut " + cut);
            byte[] repaired = Files.readAllBytes(file);
            assertEquals(44 + data, repaired.length);
            assertEquals(36 + data, le32(repaired, 4) & 0xFFFF_FFFFL, "RIFF size");
            assertEquals(data, le32(repaired, 40) & 0xFFFF_FFFFL, "data size");
            assertArrayEquals(Arrays.copyOfRange(partial, 44, (int) (44 + data)),
                    Arrays.copyOfRange(repaired, 44, repaired.length), "audio bytes untouched");
            Wav.assertPattern(Wav.read(file), 2, RATE, data / 4);
        }

        RecoveryReport again = RecordingStore.recover(root);
        assertEquals(10, again.with(Status.CONSISTENT).size(), "idempotent");
    }

    @Test
    void reportsWithoutDeletingAndLeavesCompleteRecordingsAlone() throws Exception {
        byte[] partial = crashedPartial();
        Path root = work.resolve("out");
        RecordingStore store = new RecordingStore(root);
        RecordingSink done = store.open("done", 2, RATE);
        RecordingStoreTest.writePattern(done, 0, 1000, 2, new SplittableRandom(12));
        done.complete(RecordingStoreTest.metadata("done"));
        byte[] doneAudio = Files.readAllBytes(root.resolve("done").resolve(RecordingFiles.AUDIO));

        Path stub = Files.createDirectories(root.resolve("stub"));
        Files.write(stub.resolve(RecordingFiles.AUDIO_PARTIAL), Arrays.copyOf(partial, 20));
        Path alien = Files.createDirectories(root.resolve("alien"));
        byte[] notWav = "this is not a wave file at all, it is text of some length".getBytes();
        Files.write(alien.resolve(RecordingFiles.AUDIO_PARTIAL), notWav);
        Path renamed = Files.createDirectories(root.resolve("renamed"));
        Files.write(renamed.resolve(RecordingFiles.AUDIO), Arrays.copyOf(partial, 44 + 400));
        Path exact = Files.createDirectories(root.resolve("exact"));
        try (FileChannel ch = FileChannel.open(exact.resolve(RecordingFiles.AUDIO_PARTIAL), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(Arrays.copyOf(partial, 44 + 4000)));
        }

        RecoveryReport report = RecordingStore.recover(root);
        assertEquals(List.of("alien", "exact", "renamed", "stub"),
                report.entries().stream().map(RecoveryReport.Entry::id).toList());
        assertEquals(Status.UNREADABLE, report.entries().get(0).status());
        assertEquals(Status.REPAIRED, report.entries().get(1).status());
        assertEquals(Status.AUDIO_WITHOUT_METADATA, report.entries().get(2).status());
        assertEquals(Status.UNREADABLE, report.entries().get(3).status());
        assertEquals(20, Files.size(stub.resolve(RecordingFiles.AUDIO_PARTIAL)), "never deleted or changed");
        assertArrayEquals(notWav, Files.readAllBytes(alien.resolve(RecordingFiles.AUDIO_PARTIAL)));
        assertArrayEquals(doneAudio, Files.readAllBytes(root.resolve("done").resolve(RecordingFiles.AUDIO)));
        Wav.assertPattern(Wav.read(exact.resolve(RecordingFiles.AUDIO_PARTIAL)), 2, RATE, 1000);
        assertEquals(RecoveryReport.Status.CONSISTENT,
                RecordingStore.recover(root).entries().get(1).status());
        assertEquals(List.of(), RecordingStore.recover(work.resolve("missing")).entries());
    }
}
