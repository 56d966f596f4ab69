package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.PacketJournal;

/**
 * What a process killed while Chronicle creates a file leaves in the journal: a roll-cycle file (or the table store)
 * with no header yet (0 bytes, as a kill right after the file appeared leaves it) or a half-written one (the "not
 * complete" bit set). Left in place, Chronicle waits for the dead writer on every access to that cycle and then sets
 * the file aside, and a reader that opened on it reads nothing more: a resumed replay processed 0 of 362 100 frames.
 * The journal removes such files when it opens (under its directory lock), so the next process reads everything.
 */
class TornJournalTest {
    private static final byte[] FRAME = new byte[100];

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aCycleFileLeftEmptyByAKilledProcessIsRemovedAtOpenAndEveryFrameAfterItIsRead() throws Exception {
        appendFrames(0, 1);
        Path cycle = onlyCycleFile();
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            f.setLength(0); // what the killed process left: the file created, nothing mapped or written yet
        }
        assertEveryFrameAppendedAfterReopeningIsRead();
    }

    @Test
    @Timeout(120)
    void aCycleFileWithAHalfWrittenHeaderIsRemovedAtOpen() throws Exception {
        appendFrames(0, 1);
        tearHeader(onlyCycleFile());
        assertEveryFrameAppendedAfterReopeningIsRead();
    }

    @Test
    @Timeout(120)
    void anEmptyTableStoreIsRemovedAndTheFramesOfTheCycleFilesAreStillRead() throws Exception {
        appendFrames(0, 10);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("metadata.cq4t").toFile(), "rw")) {
            f.setLength(0);
        }
        try (PacketJournal j = PacketJournal.open(dir)) {
            assertEquals(1L, j.counters().get("torn-files-removed"));
            PacketJournal.Reader r = j.reader("processor");
            int seen = 0;
            while (r.next((i, t, s, l, w, buf, off, len) -> { })) {
                seen++;
            }
            assertEquals(10, seen, "the frames of the intact cycle file");
            r.close();
        }
    }

    /**
     * The defence behind the repair at open: should Chronicle ever replace a cycle file under an open reader (here
     * its header is torn while the journal is open, so the repair cannot see it), the reader notices that it reads
     * nothing while the queue holds more, is made anew and reads on.
     */
    @Test
    @Timeout(120)
    void aReaderIsNotLeftBehindACycleFileReplacedWhileItIsOpen() throws Exception {
        appendFrames(0, 1);
        Path cycle = onlyCycleFile();
        try (PacketJournal j = PacketJournal.open(dir)) {
            tearHeader(cycle);
            PacketJournal.Reader r = j.reader("processor");
            long[] seenAndLast = appendThousandWhileReading(j, r);
            assertEquals(1000, seenAndLast[0], "every frame appended after the file was replaced");
            assertTrue(j.counters().get("reader-repositioned") >= 1, j.counters().toString());
            r.close();
        }
    }

    @Test
    void anIntactJournalIsNotTouched() throws Exception {
        appendFrames(0, 3);
        long size = Files.size(onlyCycleFile());
        try (PacketJournal j = PacketJournal.open(dir)) {
            assertEquals(0L, j.counters().get("torn-files-removed"));
            assertEquals(size, Files.size(onlyCycleFile()));
        }
    }

    @Test
    void aJournalOpenElsewhereIsRefusedWithAMessage() throws Exception {
        try (PacketJournal j = PacketJournal.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> PacketJournal.open(dir));
            assertTrue(e.getMessage().contains("in use by another shadowrec"), e.getMessage());
        }
        try (PacketJournal j = PacketJournal.open(dir)) {
            assertEquals(-1, j.lastIndex(), "free again once closed");
        }
    }

    private void assertEveryFrameAppendedAfterReopeningIsRead() throws Exception {
        long t0 = System.nanoTime();
        try (PacketJournal j = PacketJournal.open(dir)) {
            assertEquals(1L, j.counters().get("torn-files-removed"));
            PacketJournal.Reader r = j.reader("processor");
            long[] seenAndLast = appendThousandWhileReading(j, r);
            assertEquals(1000, seenAndLast[0], "every frame appended after the crash is read");
            assertEquals(1999, seenAndLast[1]);
            assertEquals(0L, j.counters().get("reader-repositioned"), "the reader never got stuck");
            r.close();
        }
        System.err.printf("torn file removed at open; 1000 frames appended and read in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.toString().endsWith(".discard")), "Chronicle never met the torn file");
        }
    }

    /**
     * Checks the reader has nothing yet, appends 1000 frames (capture times 1000..1999) on another thread while
     * reading them; returns the frames read and the capture time of the last.
     */
    private static long[] appendThousandWhileReading(PacketJournal j, PacketJournal.Reader r) throws Exception {
        long[] seenAndLast = {0, -1};
        FrameHandler count = (i, t, s, l, w, buf, off, len) -> {
            seenAndLast[0]++;
            seenAndLast[1] = t;
        };
        assertFalse(r.next(count), "nothing readable yet");
        Thread writer = new Thread(() -> {
            PacketJournal.Appender a = j.appender();
            for (int i = 0; i < 1000; i++) {
                a.append(1000 + i, 0, 1, FRAME.length, FRAME, 0, FRAME.length);
            }
            a.close();
        });
        writer.start();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (seenAndLast[0] < 1000 && System.nanoTime() < deadline) {
            if (!r.next(count)) {
                Thread.sleep(5);
            }
        }
        writer.join();
        return seenAndLast;
    }

    /** Sets the "not complete" bit of a file's first header, as a writer killed while writing it leaves it. */
    private static void tearHeader(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            int header = Integer.reverseBytes(f.readInt());
            f.seek(0);
            f.writeInt(Integer.reverseBytes(header | 0x8000_0000));
        }
    }

    private void appendFrames(long firstNanos, int n) throws IOException {
        try (PacketJournal j = PacketJournal.open(dir)) {
            PacketJournal.Appender a = j.appender();
            for (int i = 0; i < n; i++) {
                a.append(firstNanos + i, 0, 1, FRAME.length, FRAME, 0, FRAME.length);
            }
            a.close();
        }
    }

    private Path onlyCycleFile() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> cycles = s.filter(p -> p.toString().endsWith(".cq4")).toList();
            assertEquals(1, cycles.size(), cycles.toString());
            return cycles.get(0);
        }
    }
}
