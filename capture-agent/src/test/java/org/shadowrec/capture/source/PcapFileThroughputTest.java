package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures frames per second of {@link PcapFileSource} on generated 2 M-frame files of 60-byte frames (classic and
 * pcapng). Asserts only correctness (count and a checksum of the delivered bytes); nothing is printed: the best of
 * three runs goes to the JUnit report ({@code TestReporter}) and to {@code target/source-benchmark-*.txt}.
 */
class PcapFileThroughputTest {
    private static final int FRAMES = 2_000_000;
    private static final int FRAME = 60;

    @TempDir
    Path dir;

    @Test
    void classic_pcap_frames_per_second(TestReporter reporter) throws Exception {
        Path p = dir.resolve("big.pcap");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(b.array());
            ByteBuffer rec = ByteBuffer.allocate(16 + FRAME).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < FRAMES; i++) {
                rec.clear();
                rec.putInt(1_700_000_000 + i / 1_000_000).putInt(i % 1_000_000).putInt(FRAME).putInt(FRAME);
                rec.putInt(i);
                out.write(rec.array());
            }
        }
        measure(p, reporter, "classic");
    }

    @Test
    void pcapng_frames_per_second(TestReporter reporter) throws Exception {
        Path p = dir.resolve("big.pcapng");
        byte[] head = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, 0, 9, null).bytes();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 20)) {
            out.write(head);
            int length = 32 + FRAME;
            ByteBuffer rec = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < FRAMES; i++) {
                rec.clear();
                long ts = 1_700_000_000_000_000_000L + i;
                rec.putInt(6).putInt(length).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(FRAME)
                        .putInt(FRAME).putInt(i);
                rec.putInt(length - 4, length);
                out.write(rec.array());
            }
        }
        measure(p, reporter, "pcapng");
    }

    private static void measure(Path p, TestReporter reporter, String what) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = 0;
        double bestCpu = 0;
        for (int run = 0; run < 3; run++) {
            long[] count = new long[2];
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            try (PcapFileSource source = PcapFileSource.open(p)) {
                source.run((t, ifi, lt, wl, buf, off, len) -> {
                    count[0]++;
                    count[1] += (buf[off] & 0xFF) + (buf[off + 1] & 0xFF) + len;
                });
                assertNull(source.problem());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9;
            assertEquals(FRAMES, count[0]);
            assertEquals(expectedChecksum(), count[1]);
            best = Math.max(best, FRAMES / seconds);
            bestCpu = Math.max(bestCpu, FRAMES / cpuSeconds);
        }
        // wall clock, and per second of this thread's CPU time (steadier on a machine shared with other work)
        String result = String.format("%s-frames-per-second=%.0f%n%s-frames-per-cpu-second=%.0f%n", what, best, what,
                bestCpu);
        reporter.publishEntry(what + "-frames-per-second", String.format("%.0f", best));
        reporter.publishEntry(what + "-frames-per-cpu-second", String.format("%.0f", bestCpu));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("source-benchmark-" + what + ".txt"), result);
        }
    }

    /** Sum over frames of the two low bytes of the frame number (written little-endian first) plus the length. */
    private static long expectedChecksum() throws IOException {
        long sum = 0;
        for (int i = 0; i < FRAMES; i++) {
            sum += (i & 0xFF) + ((i >>> 8) & 0xFF) + FRAME;
        }
        return sum;
    }
}
