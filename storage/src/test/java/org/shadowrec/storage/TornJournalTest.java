package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.storage.api.PacketJournal;

/**
 * A process killed while Chronicle initialises a roll-cycle file leaves its header half-written (the "not complete"
 * bit set). The next process's appender waits, renames the file {@code *.discard} and starts a new one; a reader
 * that opened on the old file must not stay stuck there: it is made anew and delivers every frame appended since.
 */
class TornJournalTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aReaderIsNotLeftBehindARollCycleFileReplacedAfterACrash() throws Exception {
        try (PacketJournal j = PacketJournal.open(dir)) {
            PacketJournal.Appender a = j.appender();
            byte[] b = new byte[100];
            a.append(1, 0, 1, 100, b, 0, 100);
            a.close();
        }
        Path cycle;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> cycles = s.filter(p -> p.toString().endsWith(".cq4")).toList();
            assertEquals(1, cycles.size());
            cycle = cycles.get(0);
        }
        try (RandomAccessFile f = new RandomAccessFile(cycle.toFile(), "rw")) {
            // the first header of the file, as a writer killed during its initialisation leaves it: "not complete"
            int header = Integer.reverseBytes(f.readInt());
            f.seek(0);
            f.writeInt(Integer.reverseBytes(header | 0x8000_0000));
        }

        try (PacketJournal j = PacketJournal.open(dir)) {
            PacketJournal.Reader r = j.reader("processor");
            int[] seen = {0};
            long[] last = {-1};
            assertTrue(!r.next((i, t, s, l, w, buf, off, len) -> seen[0]++), "nothing readable yet");
            Thread writer = new Thread(() -> {
                PacketJournal.Appender a = j.appender();
                byte[] b = new byte[100];
                for (int i = 0; i < 1000; i++) {
                    a.append(1000 + i, 0, 1, 100, b, 0, 100);
                }
                a.close();
            });
            writer.start();
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (seen[0] < 1000 && System.nanoTime() < deadline) {
                if (!r.next((i, t, s, l, w, buf, off, len) -> {
                    seen[0]++;
                    last[0] = t;
                })) {
                    Thread.sleep(5);
                }
            }
            writer.join();
            assertEquals(1000, seen[0], "every frame appended after the crash is read");
            assertEquals(1999, last[0]);
            assertTrue(j.counters().get("reader-repositioned") >= 1, j.counters().toString());
            r.close();
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.anyMatch(p -> p.toString().endsWith(".discard")), "Chronicle set the torn file aside");
        }
    }
}
