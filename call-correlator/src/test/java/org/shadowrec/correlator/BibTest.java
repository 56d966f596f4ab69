package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;

/**
 * Cisco Built-in-Bridge pairs (scenario file {@code bib.sip}): two delayed-offer dialogs become one recording, near
 * end on channel 0 and far end on channel 1, even when both streams go from the same phone to the same recorder
 * port; hold/resume pairs are linked; a pair offered again to the next recorder is one recording.
 */
class BibTest {
    static final Endpoint CUCM = Endpoint.parse("10.1.0.10", 5060);
    static final String REC_A = "10.1.0.50";
    static final String REC_B = "10.1.0.60";
    static final String PHONE = "10.1.0.20";
    static final double NEAR_HZ = 440;
    static final double FAR_HZ = 1000;

    /** One pair's fixtures: recorder address, refci values, ports. */
    static SipFixtures pair(String recorder, String refci, String farendRefci, String callIdSuffix, int nearRecPort,
                            int farRecPort) {
        return pair(recorder, refci, farendRefci, callIdSuffix, nearRecPort, farRecPort, 24582);
    }

    static SipFixtures pair(String recorder, String refci, String farendRefci, String callIdSuffix, int nearRecPort,
                            int farRecPort, int farPhonePort) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("near-call-id", "near-" + callIdSuffix + "@10.1.0.10");
        v.put("far-call-id", "far-" + callIdSuffix + "@10.1.0.10");
        v.put("refci", refci);
        v.put("farendrefci", farendRefci);
        v.put("recorder", recorder);
        v.put("near-rec-port", Integer.toString(nearRecPort));
        v.put("far-rec-port", Integer.toString(farRecPort));
        v.put("near-phone-port", "24580");
        v.put("far-phone-port", Integer.toString(farPhonePort));
        return SipFixtures.load(v, "bib");
    }

    static Endpoint rec(String recorder) {
        return Endpoint.parse(recorder, 5060);
    }

    /** Both legs set up at {@code t} (INVITE, 100, 200 offer, ACK answer), to {@code recorder}. */
    static void setUp(CallSim sim, SipFixtures fx, String recorder, double t) {
        Endpoint r = rec(recorder);
        for (String leg : List.of("near", "far")) {
            double o = leg.equals("near") ? 0 : 0.01;
            sim.sip(t + o, fx.message("invite-" + leg), CUCM, r)
                    .sip(t + o + 0.005, fx.message("100-" + leg), r, CUCM)
                    .sip(t + o + 0.05, fx.message("200-" + leg), r, CUCM)
                    .sip(t + o + 0.06, fx.message("ack-" + leg), CUCM, r);
        }
    }

    static void tearDown(CallSim sim, SipFixtures fx, String recorder, double t) {
        Endpoint r = rec(recorder);
        for (String leg : List.of("near", "far")) {
            sim.sip(t, fx.message("bye-" + leg), CUCM, r).sip(t + 0.01, fx.message("200-bye-" + leg), r, CUCM);
        }
    }

    /** Both streams from the phone's two ports to the recorder ports, from {@code from} to {@code to}. */
    static void media(CallSim sim, String recorder, int nearRecPort, int farRecPort, double from, double to,
                      long nearSsrc, long farSsrc) {
        sim.rtp(new ToneRtp(nearSsrc, NEAR_HZ, 100, 8000), Endpoint.parse(PHONE, 24580),
                Endpoint.parse(recorder, nearRecPort), from, to);
        sim.rtp(new ToneRtp(farSsrc, FAR_HZ, 7000, 900_000), Endpoint.parse(PHONE, 24582),
                Endpoint.parse(recorder, farRecPort), from + 0.003, to + 0.003);
    }

    static String bibId(String at, String refci, String farendRefci) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest(("bib|CL1|" + refci + "|" + farendRefci).getBytes(StandardCharsets.UTF_8));
        return at + "-" + HexFormat.of().formatHex(sha).substring(0, 16);
    }

    @Test
    void a_pair_sharing_one_recorder_port_is_one_recording_near_end_on_channel_0() throws Exception {
        SipFixtures fx = pair(REC_A, "25189101", "25189100", "1", 20000, 20000);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, REC_A, 0);
        media(sim, REC_A, 20000, 20000, 0.2, 8.2, 0x0A0A0A0AL, 0x0B0B0B0BL);
        tearDown(sim, fx, REC_A, 8.3);
        sim.run(11);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals(2, r.channels);
        Scenarios.assertTone(r, 0, 0.5, 7.5, NEAR_HZ, FAR_HZ);
        Scenarios.assertTone(r, 1, 0.5, 7.5, FAR_HZ, NEAR_HZ);
        RecordingMetadata md = r.metadata;
        assertEquals("bib", md.kind());
        assertEquals("bye", md.endReason());
        assertEquals(bibId("20260501T100000Z", "25189101", "25189100"), md.id());
        assertEquals(8.0, md.durationSeconds(), 0.021);
        assertEquals(new RecordingMetadata.Bib("CL1", "25189101", "25189100",
                new RecordingMetadata.BibEnd("SEPAAAABBBBCCCC", "1001"),
                new RecordingMetadata.BibEnd("SEPDDDDEEEEFFFF", "2002")), md.bib());
        assertEquals(new RecordingMetadata.Party(null, "sip:1001@10.1.0.10", "1001", "SEPAAAABBBBCCCC"),
                md.channels().get(0).party());
        assertEquals(new RecordingMetadata.Party(null, null, "2002", "SEPDDDDEEEEFFFF"), md.channels().get(1).party());
        RecordingMetadata.Stream near = md.channels().get(0).streams().get(0);
        RecordingMetadata.Stream far = md.channels().get(1).streams().get(0);
        assertEquals(1, md.channels().get(0).streams().size());
        assertEquals(1, md.channels().get(1).streams().size());
        assertEquals(List.of("0x0A0A0A0A", "10.1.0.20:24580", "10.1.0.50:20000", 400L),
                List.of(near.ssrc(), near.src(), near.dst(), near.packets()));
        assertEquals(List.of("0x0B0B0B0B", "10.1.0.20:24582", "10.1.0.50:20000", 400L),
                List.of(far.ssrc(), far.src(), far.dst(), far.packets()));
        assertEquals(List.of("near-1@10.1.0.10", "far-1@10.1.0.10"), md.sip().callIds());
        assertEquals("2026-05-01T10:00:00.050Z", md.sip().answeredAt());
        assertNull(md.related());
        assertNull(md.siprec());
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.1.0.50:5060", false, null, List.of()),
                md.primaryRecorder());
        assertEquals(List.of(new RecordingMetadata.Recorder("10.1.0.50:5060",
                List.of("near-1@10.1.0.10", "far-1@10.1.0.10"), "2026-05-01T10:00:00.000Z", 1, true, 200,
                "recording", 0)), md.recorders());
        assertEquals(1, sim.counter("calls"));
        assertEquals(1, sim.counter("dialogs-joined"));
        assertEquals(0, sim.unmatchedUdp());
        assertEquals(0, sim.correlator.openSessions());
    }

    @Test
    void both_streams_from_one_phone_port_to_one_recorder_port_are_told_apart_by_ssrc() {
        SipFixtures fx = pair(REC_A, "7", "8", "ssrc", 20000, 20000, 24580);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, REC_A, 0);
        Endpoint phone = Endpoint.parse(PHONE, 24580);
        Endpoint rec = Endpoint.parse(REC_A, 20000);
        sim.rtp(new ToneRtp(0xAAAAL, NEAR_HZ, 1, 1), phone, rec, 0.2, 4.2);      // the near leg was set up first
        sim.rtp(new ToneRtp(0xBBBBL, FAR_HZ, 1, 1), phone, rec, 0.203, 4.203);
        tearDown(sim, fx, REC_A, 4.3);
        sim.run(7);

        MemoryRecordings.Recording r = sim.recordings.only();
        Scenarios.assertTone(r, 0, 0.5, 3.5, NEAR_HZ, FAR_HZ);
        Scenarios.assertTone(r, 1, 0.5, 3.5, FAR_HZ, NEAR_HZ);
        assertEquals("0x0000AAAA", r.metadata.channels().get(0).streams().get(0).ssrc());
        assertEquals("0x0000BBBB", r.metadata.channels().get(1).streams().get(0).ssrc());
        assertEquals(200, r.metadata.channels().get(1).streams().get(0).packets());
    }

    @Test
    void a_pair_on_two_recorder_ports_records_the_same_way() {
        SipFixtures fx = pair(REC_A, "7", "8", "2", 20000, 20002);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, REC_A, 0);
        media(sim, REC_A, 20000, 20002, 0.2, 4.2, 0x1L, 0x2L);
        tearDown(sim, fx, REC_A, 4.3);
        sim.run(7);

        MemoryRecordings.Recording r = sim.recordings.only();
        Scenarios.assertTone(r, 0, 0.5, 3.5, NEAR_HZ, FAR_HZ);
        Scenarios.assertTone(r, 1, 0.5, 3.5, FAR_HZ, NEAR_HZ);
        assertEquals("10.1.0.50:20002", r.metadata.channels().get(1).streams().get(0).dst());
    }

    @Test
    void the_far_end_invite_first_still_puts_the_near_end_on_channel_0() {
        SipFixtures fx = pair(REC_A, "7", "8", "3", 20000, 20000);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        Endpoint r = rec(REC_A);
        sim.sip(0, fx.message("invite-far"), CUCM, r).sip(0.01, fx.message("invite-near"), CUCM, r)
                .sip(0.05, fx.message("200-far"), r, CUCM).sip(0.06, fx.message("200-near"), r, CUCM)
                .sip(0.07, fx.message("ack-far"), CUCM, r).sip(0.08, fx.message("ack-near"), CUCM, r);
        media(sim, REC_A, 20000, 20000, 0.2, 4.2, 0x1L, 0x2L);
        tearDown(sim, fx, REC_A, 4.3);
        sim.run(7);

        MemoryRecordings.Recording rec = sim.recordings.only();
        Scenarios.assertTone(rec, 0, 0.5, 3.5, NEAR_HZ, FAR_HZ);
        Scenarios.assertTone(rec, 1, 0.5, 3.5, FAR_HZ, NEAR_HZ);
        assertEquals(List.of("far-3@10.1.0.10", "near-3@10.1.0.10"), rec.metadata.sip().callIds());
    }

    @Test
    void hold_and_resume_make_a_new_recording_linked_to_the_earlier_one() throws Exception {
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SipFixtures first = pair(REC_A, "100", "200", "h1", 20000, 20000);
        SipFixtures resumed = pair(REC_A, "101", "200", "h2", 20004, 20004);
        SipFixtures nextCall = pair(REC_A, "300", "400", "h3", 20008, 20008);
        setUp(sim, first, REC_A, 0);
        media(sim, REC_A, 20000, 20000, 0.2, 5.2, 0x11L, 0x12L);
        tearDown(sim, first, REC_A, 5.3);
        setUp(sim, resumed, REC_A, 40);                 // a long hold: still the same far-end call leg
        media(sim, REC_A, 20004, 20004, 40.2, 44.2, 0x21L, 0x22L);
        tearDown(sim, resumed, REC_A, 44.3);
        setUp(sim, nextCall, REC_A, 120);               // the phone's next call, another far end
        media(sim, REC_A, 20008, 20008, 120.2, 122.2, 0x31L, 0x32L);
        tearDown(sim, nextCall, REC_A, 122.3);
        sim.run(125);

        List<MemoryRecordings.Recording> rs = sim.recordings.recordings;
        assertEquals(3, rs.size());
        assertTrue(rs.stream().allMatch(MemoryRecordings.Recording::completed));
        assertEquals(bibId("20260501T100000Z", "100", "200"), rs.get(0).id);
        assertEquals(bibId("20260501T100040Z", "101", "200"), rs.get(1).id);
        assertNull(rs.get(0).metadata.related());
        assertEquals(List.of(rs.get(0).id), rs.get(1).metadata.related());
        assertNull(rs.get(2).metadata.related(), "a later call to another far end is not related");
        for (MemoryRecordings.Recording r : rs) {
            Scenarios.assertTone(r, 0, 0.3, 1.7, NEAR_HZ, FAR_HZ);
            Scenarios.assertTone(r, 1, 0.3, 1.7, FAR_HZ, NEAR_HZ);
        }
        assertEquals(3, sim.counter("calls"));
    }

    @Test
    void a_transfer_right_after_the_end_links_even_with_another_far_end() {
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SipFixtures first = pair(REC_A, "100", "200", "t1", 20000, 20000);
        SipFixtures transferred = pair(REC_A, "102", "500", "t2", 20004, 20004);
        setUp(sim, first, REC_A, 0);
        media(sim, REC_A, 20000, 20000, 0.2, 3.2, 0x11L, 0x12L);
        tearDown(sim, first, REC_A, 3.3);
        setUp(sim, transferred, REC_A, 3.5);
        media(sim, REC_A, 20004, 20004, 3.7, 6.7, 0x21L, 0x22L);
        tearDown(sim, transferred, REC_A, 6.8);
        sim.run(10);

        List<MemoryRecordings.Recording> rs = sim.recordings.recordings;
        assertEquals(2, rs.size());
        assertEquals(List.of(rs.get(0).id), rs.get(1).metadata.related());
    }

    @Test
    void an_unanswered_pair_offered_again_to_the_next_recorder_is_one_recording() {
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SipFixtures toA = pair(REC_A, "555", "556", "fa", 20000, 20000);
        SipFixtures toB = pair(REC_B, "555", "556", "fb", 30000, 30000);
        for (double t : new double[] {0, 0.5, 1.5}) {               // RFC 3261 T1 retransmissions, no answer
            sim.sip(t, toA.message("invite-near"), CUCM, rec(REC_A))
                    .sip(t + 0.01, toA.message("invite-far"), CUCM, rec(REC_A));
        }
        setUp(sim, toB, REC_B, 2.0);
        media(sim, REC_B, 30000, 30000, 2.2, 6.2, 0x41L, 0x42L);
        tearDown(sim, toB, REC_B, 6.3);
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        RecordingMetadata md = r.metadata;
        assertEquals("bye", md.endReason());
        Scenarios.assertTone(r, 0, 0.3, 3.7, NEAR_HZ, FAR_HZ);
        Scenarios.assertTone(r, 1, 0.3, 3.7, FAR_HZ, NEAR_HZ);
        assertTrue(md.id().startsWith("20260501T100000Z-"), "the id of the first offer: " + md.id());
        // failedAt = the first evidence: the first transmission of the INVITEs that were never answered
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.1.0.50:5060", true, "2026-05-01T10:00:00.000Z",
                List.of("unanswered-retransmissions")), md.primaryRecorder());
        assertEquals(2, md.recorders().size());
        RecordingMetadata.Recorder a = md.recorders().get(0);
        RecordingMetadata.Recorder b = md.recorders().get(1);
        assertEquals(List.of("10.1.0.50:5060", 3, false, "no-answer"),
                List.of(a.address(), a.invites(), a.answered(), a.outcome()));
        assertNull(a.status());
        assertEquals(List.of("10.1.0.60:5060", 1, true, "recording", 200),
                List.of(b.address(), b.invites(), b.answered(), b.outcome(), b.status()));
        assertEquals(List.of("near-fa@10.1.0.10", "far-fa@10.1.0.10", "near-fb@10.1.0.10", "far-fb@10.1.0.10"),
                md.sip().callIds());
        assertEquals(1, sim.counter("calls"));
        assertEquals(3, sim.counter("dialogs-joined"));
        assertEquals(0, sim.correlator.openSessions());
    }

    @Test
    void a_pair_refused_with_503_and_offered_to_the_next_recorder_is_one_recording() {
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SipFixtures toA = pair(REC_A, "555", "556", "ra", 20000, 20000);
        SipFixtures toB = pair(REC_B, "555", "556", "rb", 30000, 30000);
        Endpoint a = rec(REC_A);
        sim.sip(0, toA.message("invite-near"), CUCM, a).sip(0.01, toA.message("invite-far"), CUCM, a)
                .sip(0.02, toA.message("503-near"), a, CUCM).sip(0.03, toA.message("503-far"), a, CUCM);
        setUp(sim, toB, REC_B, 0.1);
        media(sim, REC_B, 30000, 30000, 0.3, 4.3, 0x41L, 0x42L);
        tearDown(sim, toB, REC_B, 4.4);
        sim.run(8);

        MemoryRecordings.Recording r = sim.recordings.only();
        RecordingMetadata md = r.metadata;
        assertEquals("bye", md.endReason());
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.1.0.50:5060", true, "2026-05-01T10:00:00.020Z",
                List.of("status-503")), md.primaryRecorder());
        assertEquals(List.of("rejected", "recording"),
                md.recorders().stream().map(RecordingMetadata.Recorder::outcome).toList());
        assertEquals(503, md.recorders().get(0).status());
        Scenarios.assertTone(r, 0, 0.3, 3.7, NEAR_HZ, FAR_HZ);
    }

    @Test
    void a_recorder_that_dies_mid_call_is_reported_failed_and_the_recording_goes_on() {
        SipFixtures fx = pair(REC_A, "31", "32", "dead", 20000, 20000);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, REC_A, 0);
        media(sim, REC_A, 20000, 20000, 0.2, 6.2, 0x61L, 0x62L);
        Endpoint rec = Endpoint.parse(REC_A, 20000);
        boolean[] matched = new boolean[3];
        for (int i = 0; i < 3; i++) {       // the recorder died at 3 s: its host answers RTP with ICMP
            int k = i;
            sim.at(3.0 + i, () -> matched[k] = sim.correlator.onIcmpUnreachable(Endpoint.parse(PHONE, 24580), rec,
                    CallSim.at(3.0 + k)));
        }
        sim.at(3.5, () -> sim.correlator.onIcmpUnreachable(Endpoint.parse("10.9.9.9", 1), Endpoint.parse("10.9.9.8",
                2), CallSim.at(3.5)));
        tearDown(sim, fx, REC_A, 6.3);
        sim.run(9);

        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals(List.of(true, true, true), List.of(matched[0], matched[1], matched[2]));
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.1.0.50:5060", true, "2026-05-01T10:00:03.000Z",
                List.of("icmp-port-unreachable")), md.primaryRecorder());
        assertEquals(3, md.recorders().get(0).icmpUnreachable());
        assertEquals(6.0, md.durationSeconds(), 0.021, "the passive recording keeps going");
        Scenarios.assertTone(sim.recordings.only(), 0, 3.5, 5.5, NEAR_HZ, FAR_HZ);
        assertEquals(4, sim.counter("icmp-unreachable"));
        assertEquals(1, sim.counter("icmp-unmatched"));
    }

    @Test
    void a_refused_pair_without_failover_makes_no_recording() {
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SipFixtures toA = pair(REC_A, "9", "10", "x", 20000, 20000);
        Endpoint a = rec(REC_A);
        sim.sip(0, toA.message("invite-near"), CUCM, a).sip(0.01, toA.message("invite-far"), CUCM, a)
                .sip(0.02, toA.message("503-near"), a, CUCM).sip(0.03, toA.message("503-far"), a, CUCM);
        sim.run(3);
        assertTrue(sim.recordings.recordings.isEmpty());
        assertEquals(0, sim.correlator.openSessions());
        assertEquals(1, sim.counter("calls-without-media"));
        assertEquals(1, sim.counter("dialogs-joined"));
        assertEquals(2, sim.counter("sip-responses"));
    }
}
