package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.capture.decode.Pkt.cat;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.ipv4;
import static org.shadowrec.capture.decode.Pkt.udp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.shadowrec.correlator.api.Endpoint;

/**
 * Decode rate of a typical RTP frame. Asserts only what was decoded, never time. Nothing is printed: the rate is
 * published as a JUnit report entry and written to {@code target/decode-throughput.txt}.
 */
class ThroughputTest {
    private static final int WARMUP = 500_000;
    private static final int MEASURED = 5_000_000;

    /** A sink that keeps a checksum so the work cannot be optimised away. */
    static final class CountingSink implements DecodedSink {
        long datagrams;
        long sum;

        @Override
        public void udp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
            datagrams++;
            sum += src.port() + dst.port() + len + buf[off];
        }

        @Override
        public void tcp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        }

        @Override
        public void tcpGap(long captureNanos, Endpoint src, Endpoint dst) {
        }

        @Override
        public void tcpClosed(long captureNanos, Endpoint src, Endpoint dst, boolean reset) {
        }

        @Override
        public void icmpError(long captureNanos, Endpoint reporter, Endpoint origSrc, Endpoint origDst,
                String kind) {
        }
    }

    @Test
    void ethernet_ipv4_udp_rtp_frame_rate(TestReporter reporter) throws IOException {
        // Ethernet (14) / IPv4 (20) / UDP (8) / RTP header (12: V=2, PT 0 PCMU, seq 1, ts 160, SSRC 0x11223344)
        // + 160 bytes of PCMU silence (0xFF) = 214 bytes
        byte[] rtp = cat(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, (byte) 160, 0x11, 0x22, 0x33, 0x44},
                filled(160, (byte) 0xFF));
        byte[] frame = eth(ipv4(Pkt.UDP, "192.0.2.10", "192.0.2.20", udp(40000, 30000, rtp)), 0x0800);
        assertEquals(214, frame.length);

        FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
        CountingSink sink = new CountingSink();
        for (int i = 0; i < WARMUP; i++) {
            d.decode(i, LinkType.EN10MB, frame, 0, frame.length, sink);
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            d.decode(i, LinkType.EN10MB, frame, 0, frame.length, sink);
        }
        long elapsed = System.nanoTime() - start;

        assertEquals(WARMUP + MEASURED, sink.datagrams);
        assertEquals((long) WARMUP + MEASURED, Outcomes.count(d, "udp"));
        Outcomes.assertBalanced(d);
        String rate = Long.toString(MEASURED * 1_000_000_000L / elapsed);
        reporter.publishEntry("decode-frames-per-second", rate);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("decode-throughput.txt"), "decode-frames-per-second=" + rate + "\n");
        }
    }

    @Test
    void the_udp_hot_path_allocates_at_most_the_two_endpoints() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "allocation counter unavailable");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemoryEnabled(), "allocation counter disabled");
        // Ethernet / 802.1Q / IPv4 / UDP with a 172-byte payload
        byte[] frame = eth(ipv4(Pkt.UDP, "192.0.2.10", "192.0.2.20", udp(40000, 30000, new byte[172])), 0x8100,
                0x0800);
        FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
        CountingSink sink = new CountingSink();
        for (int i = 0; i < WARMUP; i++) {
            d.decode(i, LinkType.EN10MB, frame, 0, frame.length, sink);
        }
        int n = 100_000;
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            d.decode(i, LinkType.EN10MB, frame, 0, frame.length, sink);
        }
        long perFrame = (threads.getThreadAllocatedBytes(tid) - before) / n;
        // two Endpoint records are at most 2 x 32 bytes (with compressed oops; 40 without)
        assertTrue(perFrame <= 80, "bytes allocated per frame: " + perFrame);
        assertEquals((long) WARMUP + n, sink.datagrams);
    }

    private static byte[] filled(int n, byte v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, v);
        return b;
    }
}
