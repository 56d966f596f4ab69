package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.IdleBackoff;
import org.shadowrec.storage.api.PacketJournal;

/**
 * Measures append and read rates of 1 M frames of 214 bytes (a G.711 20 ms RTP packet in Ethernet/IPv4/UDP) and
 * prints them; asserts only correctness, never time. Also checks that appending and reading do not allocate per
 * frame, measured with the JVM's per-thread allocation counter.
 */
class JournalThroughputTest {
    private static final int FRAMES = 1_000_000;
    private static final int SIZE = 214;

    @TempDir
    Path dir;

    /** Sums what it sees so the reads cannot be optimised away and content is checked. */
    private static final class Summer implements FrameHandler {
        long frames;
        long sum;

        @Override
        public void frame(long index, long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf,
                          int off, int len) {
            frames++;
            sum += captureNanos + len + buf[off] + buf[off + len - 1];
        }
    }

    private static long expectedSum(int frames) {
        long sum = 0;
        for (int i = 0; i < frames; i++) {
            sum += i + SIZE + (byte) i + (byte) (i >>> 8);
        }
        return sum;
    }

    private static void append(PacketJournal.Appender a, byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            buf[0] = (byte) i;
            buf[SIZE - 1] = (byte) (i >>> 8);
            a.append(i, 1, 1, SIZE, buf, 0, SIZE);
        }
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return mx.getCurrentThreadAllocatedBytes();
    }

    @Test
    void appendThenReadOneMillionFrames() throws Exception {
        byte[] buf = new byte[SIZE];
        try (PacketJournal journal = PacketJournal.open(dir)) {
            PacketJournal.Appender a = journal.appender();
            append(a, buf, 0, 1000);                         // warm-up: appender created, first cycle file mapped
            long alloc0 = allocatedBytes();
            long t0 = System.nanoTime();
            append(a, buf, 1000, FRAMES);
            long t1 = System.nanoTime();
            long appendAlloc = allocatedBytes() - alloc0;

            Summer s = new Summer();
            try (PacketJournal.Reader r = journal.reader("bench")) {
                for (int i = 0; i < 1000; i++) {
                    r.next(s);
                }
                long alloc1 = allocatedBytes();
                long t2 = System.nanoTime();
                while (r.next(s)) {
                    // drain
                }
                long t3 = System.nanoTime();
                long readAlloc = allocatedBytes() - alloc1;
                assertEquals(FRAMES, s.frames);
                assertEquals(expectedSum(FRAMES), s.sum);
                report("append", FRAMES - 1000, t1 - t0, appendAlloc);
                report("read", FRAMES - 1000, t3 - t2, readAlloc);
                assertTrue(appendAlloc < 4L * FRAMES / 10, "append allocated " + appendAlloc + " bytes");
                assertTrue(readAlloc < 4L * FRAMES / 10, "read allocated " + readAlloc + " bytes");
            }
        }
    }

    @Test
    void captureAndProcessingThreadsConcurrently() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            PacketJournal.Appender a = journal.appender();
            PacketJournal.Reader r = journal.reader("concurrent");
            long t0 = System.nanoTime();
            CompletableFuture<Summer> processing = CompletableFuture.supplyAsync(() -> {
                Summer s = new Summer();
                IdleBackoff idle = IdleBackoff.defaults();
                while (s.frames < FRAMES) {
                    if (r.next(s)) {
                        idle.reset();
                    } else {
                        idle.idle();
                    }
                }
                return s;
            });
            Thread capture = new Thread(() -> append(a, new byte[SIZE], 0, FRAMES), "capture");
            capture.start();
            capture.join();
            Summer s = processing.get(120, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            assertEquals(expectedSum(FRAMES), s.sum);
            report("append+read concurrently", FRAMES, t1 - t0, -1);
        }
    }

    private static void report(String what, long frames, long nanos, long allocated) {
        double perSecond = frames * 1e9 / nanos;
        System.out.printf(Locale.ROOT, "journal %s: %d frames of %d bytes in %.1f ms = %.0f frames/s (%.0f MB/s)%s%n",
                what, frames, SIZE, nanos / 1e6, perSecond, perSecond * SIZE / 1e6,
                allocated < 0 ? "" : String.format(Locale.ROOT, ", %d bytes allocated", allocated));
    }
}
