package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipDecoder;

/** The payload classifier runs on every UDP datagram: looksLikeSip must not allocate. */
class LooksLikeSipAllocationTest {

    @Test
    void looksLikeSipDoesNotAllocate() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] invite = Fixtures.invite();
        byte[] response = Fixtures.bytes("SIP/2.0 180 Ringing\r\nVia: x\r\n\r\n");
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        int hits = 0;
        for (int i = 0; i < 20_000; i++) { // warm up: let the JIT compile it
            hits += count(invite, response, rtp);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            hits += count(invite, response, rtp);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(2 * 120_000, hits);
        assertTrue(allocated < 4096, "looksLikeSip allocated " + allocated + " bytes in 300,000 calls");
    }

    private static int count(byte[] invite, byte[] response, byte[] rtp) {
        int n = 0;
        n += SipDecoder.looksLikeSip(invite, 0, invite.length) ? 1 : 0;
        n += SipDecoder.looksLikeSip(response, 0, response.length) ? 1 : 0;
        n += SipDecoder.looksLikeSip(rtp, 0, rtp.length) ? 1 : 0;
        return n;
    }
}
