package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CallCorrelator;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.Transport;

/** The per-packet path: cost of a matched packet, and bounds against spoofed sources. */
class MediaPathTest {

    @Test
    void a_matched_rtp_packet_allocates_nothing_in_the_correlator() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call");
        MemoryRecordings recordings = new MemoryRecordings();
        CallCorrelator c = new CallCorrelator(CorrelatorConfig.defaults(), recordings);
        c.onSip(fx.message("invite"), CallSim.CALLER_SIP, CallSim.CALLEE_SIP, Transport.UDP, CallSim.at(0));
        c.onSip(fx.message("200"), CallSim.CALLEE_SIP, CallSim.CALLER_SIP, Transport.UDP, CallSim.at(1));
        ToneRtp tone = Scenarios.callerTone();
        int n = 20_000;
        byte[][] packets = new byte[2 * n][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = tone.next(i == 0);
        }
        long now = CallSim.at(2);
        for (int i = 0; i < n; i++) {                       // warm up: JIT, stream creation, recording open
            c.onUdp(CallSim.CALLER_MEDIA, CallSim.CALLEE_MEDIA, now, packets[i], 0, packets[i].length);
            now += 20_000_000L;
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = n; i < 2 * n; i++) {
            assertTrue(c.onUdp(CallSim.CALLER_MEDIA, CallSim.CALLEE_MEDIA, now, packets[i], 0, packets[i].length));
            now += 20_000_000L;
        }
        long perPacket = (threads.getThreadAllocatedBytes(tid) - before) / n;
        assertTrue(perPacket < 8, "bytes allocated per matched packet: " + perPacket);
        assertEquals(2L * n, c.counters().get("mixer-rtp"));
    }

    @Test
    void a_bib_packet_matched_by_its_exact_pair_allocates_nothing_in_the_correlator() {
        SipFixtures fx = BibTest.pair(BibTest.REC_A, "1", "2", "alloc", 20000, 20000);
        MemoryRecordings recordings = new MemoryRecordings();
        CallCorrelator c = new CallCorrelator(CorrelatorConfig.defaults(), recordings);
        Endpoint rec = BibTest.rec(BibTest.REC_A);
        for (String leg : new String[] {"near", "far"}) {
            c.onSip(fx.message("invite-" + leg), BibTest.CUCM, rec, Transport.UDP, CallSim.at(0));
            c.onSip(fx.message("200-" + leg), rec, BibTest.CUCM, Transport.UDP, CallSim.at(0.1));
            c.onSip(fx.message("ack-" + leg), BibTest.CUCM, rec, Transport.UDP, CallSim.at(0.2));
        }
        Endpoint near = Endpoint.parse(BibTest.PHONE, 24580);
        Endpoint far = Endpoint.parse(BibTest.PHONE, 24582);
        Endpoint dst = Endpoint.parse(BibTest.REC_A, 20000);
        ToneRtp a = new ToneRtp(1, 440, 1, 1);
        ToneRtp b = new ToneRtp(2, 1000, 1, 1);
        int n = 10_000;
        byte[][] pa = new byte[2 * n][];
        byte[][] pb = new byte[2 * n][];
        for (int i = 0; i < pa.length; i++) {
            pa[i] = a.next(i == 0);
            pb[i] = b.next(i == 0);
        }
        long now = CallSim.at(1);
        for (int i = 0; i < n; i++) {
            c.onUdp(near, dst, now, pa[i], 0, pa[i].length);
            c.onUdp(far, dst, now, pb[i], 0, pb[i].length);
            now += 20_000_000L;
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = n; i < 2 * n; i++) {
            assertTrue(c.onUdp(near, dst, now, pa[i], 0, pa[i].length));
            assertTrue(c.onUdp(far, dst, now, pb[i], 0, pb[i].length));
            now += 20_000_000L;
        }
        long perPacket = (threads.getThreadAllocatedBytes(tid) - before) / (2L * n);
        assertTrue(perPacket < 8, "bytes allocated per matched packet: " + perPacket);
        assertEquals(4L * n, c.counters().get("mixer-rtp"));
    }

    @Test
    void spoofed_sources_to_a_bound_port_are_bounded_per_session() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"));
        for (int i = 0; i < 100; i++) {
            byte[] p = new ToneRtp(0x1000 + i, 440, 1, 1).next(true);
            sim.udp(2.1 + i * 0.001, Endpoint.parse("198.51.100.7", 10_000 + i), CallSim.CALLEE_MEDIA, p);
        }
        sim.fromCaller(3.0, fx.message("bye")).fromCallee(3.01, fx.message("200-bye"));
        sim.run(6);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("bye", r.metadata.endReason());
        assertEquals(64, r.metadata.channels().get(0).streams().size());
        assertEquals(36, sim.counter("flows-refused"));
        assertEquals(0, sim.unmatchedUdp(), "packets to a bound port are claimed even when not recorded");
    }
}
