package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipStreamFramer;

/**
 * Decode throughput of a typical INVITE with SDP, published as a report entry (no time assertion: the build machine
 * is shared). Also checks that the warm decoder still produces correct values.
 */
class ThroughputTest {

    @Test
    void decodeThroughputOfATypicalInvite(TestReporter reporter) {
        byte[] msg = Fixtures.invite();
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        for (int i = 0; i < 5_000; i++) {
            decoder.decode(msg, 0, msg.length);
        }
        int n = 10_000;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SipMessage last = null;
        for (int i = 0; i < n; i++) {
            last = Fixtures.parsed(decoder.decode(msg, 0, msg.length));
        }
        long nanos = System.nanoTime() - t0;
        long cpuNanos = Math.max(1, mx.getCurrentThreadCpuTime() - cpu0);
        assertNotNull(last.sdp());
        assertEquals("a84b4c76e66710@pc33.atlanta.com", last.callId());
        assertEquals(15_000L, decoder.counters().get("parsed"));
        publish(reporter, "invite-decode-messages-per-second", String.valueOf(n * 1_000_000_000L / nanos));
        publish(reporter, "invite-decode-messages-per-cpu-second", String.valueOf(n * 1_000_000_000L / cpuNanos));
        publish(reporter, "invite-bytes", String.valueOf(msg.length));

        SipStreamFramer framer = new SipStreamFramer(SipLimits.defaults());
        byte[] stream = new byte[msg.length * 100];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(msg, 0, stream, i * msg.length, msg.length);
        }
        SipStreamFramerTest.Collector sink = new SipStreamFramerTest.Collector();
        long t1 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            framer.feed(stream, 0, stream.length, sink);
            sink.messages.clear();
        }
        long framerNanos = System.nanoTime() - t1;
        assertEquals(0, framer.bufferedBytes());
        publish(reporter, "framer-messages-per-second", String.valueOf(10_000L * 1_000_000_000L / framerNanos));
    }

    /** A report entry, also written to the test's redirected output file (target/surefire-reports/*-output.txt). */
    private static void publish(org.junit.jupiter.api.TestReporter reporter, String key, String value) {
        reporter.publishEntry(key, value);
        System.out.println(key + " = " + value);
    }
}
