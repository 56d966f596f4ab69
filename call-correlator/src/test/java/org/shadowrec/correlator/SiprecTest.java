package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingMetadata.Party;
import org.shadowrec.correlator.api.RecordingMetadata.SiprecParticipant;

/**
 * SIPREC sessions (scenario file {@code siprec.sip}, RFC 7866 with RFC 7865 metadata): one channel per audio m-line
 * in SDP order, the party of each from the participant sending its label; partial updates merged; a mixed stream
 * marked; Cisco CUBE without XML; failover to the next SRS is one recording.
 */
class SiprecTest {
    static final Endpoint SRC = Endpoint.parse("10.2.0.10", 5060);
    static final String SRS_A = "10.2.0.50";
    static final String SRS_B = "10.2.0.60";
    static final String SESSION_ID = "U2Vzc2lvbjE=";
    static final double[] HZ = {440, 1000, 1700};
    private static final Party ALICE = new Party("Alice Agent", "sip:1001@pbx.example.com", "1001", null);
    private static final Party BOB = new Party(null, "sip:2002@carrier.example.net", "2002", null);

    static SipFixtures fixtures(String callId, String srs) {
        return SipFixtures.load(Map.of("call-id", callId, "srs", srs, "session-id", SESSION_ID), "siprec");
    }

    static Endpoint srs(String address) {
        return Endpoint.parse(address, 5060);
    }

    /** INVITE (label {@code invite}), 100, 200 (label {@code answer}), ACK at {@code t}. */
    static void setUp(CallSim sim, SipFixtures fx, String invite, String answer, String srsAddress, double t) {
        Endpoint r = srs(srsAddress);
        sim.sip(t, fx.message(invite), SRC, r).sip(t + 0.005, fx.message("100"), r, SRC)
                .sip(t + 0.05, fx.message(answer), r, SRC).sip(t + 0.06, fx.message("ack"), SRC, r);
    }

    static void tearDown(CallSim sim, SipFixtures fx, String srsAddress, double t) {
        Endpoint r = srs(srsAddress);
        sim.sip(t, fx.message("bye"), SRC, r).sip(t + 0.01, fx.message("200-bye"), r, SRC);
    }

    /** Stream {@code i}: the SRC's port 40000 + 2i to the SRS's port 30000 + 2i, tone {@code HZ[i]}. */
    static void media(CallSim sim, String srsAddress, int streams, double from, double to) {
        for (int i = 0; i < streams; i++) {
            sim.rtp(new ToneRtp(0x5000 + i, HZ[i], 10 * i, 1000L * i), Endpoint.parse("10.2.0.10", 40000 + 2 * i),
                    Endpoint.parse(srsAddress, 30000 + 2 * i), from + 0.002 * i, to + 0.002 * i);
        }
    }

    static void assertChannelTones(MemoryRecordings.Recording r, int streams, double from, double to) {
        for (int i = 0; i < streams; i++) {
            for (int j = 0; j < streams; j++) {
                if (i != j) {
                    Scenarios.assertTone(r, i, from, to, HZ[i], HZ[j]);
                }
            }
        }
    }

    @Test
    void two_participants_are_two_channels_in_m_line_order() throws Exception {
        SipFixtures fx = fixtures("rs-1@10.2.0.10", SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, "invite", "200", SRS_A, 0);
        media(sim, SRS_A, 2, 0.2, 6.2);
        tearDown(sim, fx, SRS_A, 6.3);
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals(2, r.channels);
        assertChannelTones(r, 2, 0.5, 5.5);
        RecordingMetadata md = r.metadata;
        assertEquals("siprec", md.kind());
        assertEquals("bye", md.endReason());
        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest(("siprec|" + SESSION_ID).getBytes(StandardCharsets.UTF_8));
        assertEquals("20260501T100000Z-" + HexFormat.of().formatHex(sha).substring(0, 16), md.id());
        assertEquals(6.0, md.durationSeconds(), 0.021);
        assertEquals(ALICE, md.channels().get(0).party());
        assertEquals(BOB, md.channels().get(1).party());
        assertEquals(List.of("1", "2"), md.channels().stream().map(RecordingMetadata.Channel::label).toList());
        assertEquals(List.of(false, false), md.channels().stream().map(RecordingMetadata.Channel::mixed).toList());
        RecordingMetadata.Stream s1 = md.channels().get(1).streams().get(0);
        assertEquals(List.of("10.2.0.10:40002", "10.2.0.50:30002", 300L), List.of(s1.src(), s1.dst(), s1.packets()));
        RecordingMetadata.Siprec rec = md.siprec();
        assertEquals(SESSION_ID, rec.sessionId());
        assertEquals("rfc7865", rec.dialect());
        assertEquals(List.of(new SiprecParticipant("UGFydEFsaWNl", "Alice Agent", "sip:1001@pbx.example.com",
                        List.of(0)), new SiprecParticipant("UGFydEJvYg", null, "sip:2002@carrier.example.net",
                        List.of(1))), rec.participants());
        assertEquals(1, rec.metadataXml().size());
        assertTrue(rec.metadataXml().get(0).startsWith("<?xml") && rec.metadataXml().get(0).contains(SESSION_ID));
        assertNull(md.bib());
        assertNull(md.related());
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.2.0.50:5060", false, null, List.of()),
                md.primaryRecorder());
        assertEquals(List.of(new RecordingMetadata.Recorder("10.2.0.50:5060", List.of("rs-1@10.2.0.10"),
                "2026-05-01T10:00:00.000Z", 1, true, 200, "recording", 0)), md.recorders());
        assertEquals(List.of("rs-1@10.2.0.10"), md.sip().callIds());
        assertEquals(0, sim.unmatchedUdp());
        assertEquals(0, sim.counter("siprec-metadata-failed"));
        assertEquals(1, sim.counter("siprec-metadata-documents"), "read once");
    }

    @Test
    void three_participants_make_a_three_channel_recording() {
        SipFixtures fx = fixtures("rs-3@10.2.0.10", SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, "invite-3", "200-3", SRS_A, 0);
        media(sim, SRS_A, 3, 0.2, 4.2);
        tearDown(sim, fx, SRS_A, 4.3);
        sim.run(7);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals(3, r.channels);
        assertChannelTones(r, 3, 0.5, 3.5);
        RecordingMetadata md = r.metadata;
        assertEquals(3, md.channels().size());
        assertEquals(new Party("Carol Expert", "sip:3003@pbx.example.com", "3003", null),
                md.channels().get(2).party());
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)),
                md.siprec().participants().stream().map(SiprecParticipant::channels).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reinvite", "update"})
    void a_partial_update_is_merged_by_participant_id_and_every_document_kept(String how) {
        SipFixtures fx = fixtures("rs-p@10.2.0.10", SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        Endpoint a = srs(SRS_A);
        setUp(sim, fx, "invite", "200", SRS_A, 0);
        media(sim, SRS_A, 2, 0.2, 6.2);
        if (how.equals("reinvite")) {
            sim.sip(3.0, fx.message("reinvite-partial"), SRC, a).sip(3.05, fx.message("200-reinvite"), a, SRC)
                    .sip(3.06, fx.message("ack-2"), SRC, a);
        } else {
            sim.sip(3.0, fx.message("update-partial"), SRC, a).sip(3.05, fx.message("200-update"), a, SRC);
        }
        tearDown(sim, fx, SRS_A, 6.3);
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertChannelTones(r, 2, 0.5, 5.5);
        RecordingMetadata md = r.metadata;
        assertEquals(ALICE, md.channels().get(0).party());
        assertEquals(Boolean.TRUE, md.channels().get(1).mixed(), "Bob and Carol both send label 2 now");
        assertNull(md.channels().get(1).party(), "a mix has no single party");
        assertEquals(List.of(new SiprecParticipant("UGFydEFsaWNl", "Alice Agent", "sip:1001@pbx.example.com",
                        List.of(0)),
                new SiprecParticipant("UGFydEJvYg", "Bob Customer", "sip:2002@carrier.example.net", List.of(1)),
                new SiprecParticipant("UGFydENhcm9s", "Carol Expert", "sip:3003@pbx.example.com", List.of(1))),
                md.siprec().participants());
        assertEquals(2, md.siprec().metadataXml().size());
        assertTrue(md.siprec().metadataXml().get(1).contains("<dataMode>partial</dataMode>"));
        assertEquals(1, sim.counter("calls"));
    }

    @Test
    void a_mixed_stream_is_recorded_as_it_is_and_marked() {
        SipFixtures fx = fixtures("rs-m@10.2.0.10", SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, "invite-mixed", "200", SRS_A, 0);
        media(sim, SRS_A, 2, 0.2, 3.2);
        tearDown(sim, fx, SRS_A, 3.3);
        sim.run(6);

        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals(List.of(false, true), md.channels().stream().map(RecordingMetadata.Channel::mixed).toList());
        assertEquals(ALICE, md.channels().get(0).party());
        assertNull(md.channels().get(1).party());
        assertEquals(List.of(List.of(0), List.of(1), List.of(1)),
                md.siprec().participants().stream().map(SiprecParticipant::channels).toList());
    }

    @Test
    void cube_network_based_recording_takes_parties_from_media_index_headers() throws Exception {
        SipFixtures fx = fixtures("cube-1@10.2.0.10", SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        setUp(sim, fx, "invite-cube", "200", SRS_A, 0);
        media(sim, SRS_A, 2, 0.2, 3.2);
        tearDown(sim, fx, SRS_A, 3.3);
        sim.run(6);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertChannelTones(r, 2, 0.5, 2.5);
        RecordingMetadata md = r.metadata;
        assertEquals("siprec", md.kind());
        assertEquals("1001", md.channels().get(0).party().number());
        assertEquals("2002", md.channels().get(1).party().number());
        assertEquals("cube-nbr", md.siprec().dialect());
        assertNull(md.siprec().sessionId(), "no metadata, no session id");
        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest("siprec|cube-1@10.2.0.10;src-1".getBytes(StandardCharsets.UTF_8));
        assertEquals("20260501T100000Z-" + HexFormat.of().formatHex(sha).substring(0, 16), md.id());
        assertEquals(List.of(), md.siprec().metadataXml());
    }

    @Test
    void a_session_refused_by_one_srs_and_offered_to_the_next_is_one_recording() {
        SipFixtures toA = fixtures("rs-fa@10.2.0.10", SRS_A);
        SipFixtures toB = fixtures("rs-fb@10.2.0.10", SRS_B);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        Endpoint a = srs(SRS_A);
        sim.sip(0, toA.message("invite"), SRC, a).sip(0.02, toA.message("503"), a, SRC);
        setUp(sim, toB, "invite", "200", SRS_B, 0.1);
        media(sim, SRS_B, 2, 0.3, 4.3);
        tearDown(sim, toB, SRS_B, 4.4);
        sim.run(8);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertChannelTones(r, 2, 0.5, 3.5);
        RecordingMetadata md = r.metadata;
        assertEquals("bye", md.endReason());
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.2.0.50:5060", true, "2026-05-01T10:00:00.020Z",
                List.of("status-503")), md.primaryRecorder());
        assertEquals(List.of("10.2.0.50:5060", "10.2.0.60:5060"),
                md.recorders().stream().map(RecordingMetadata.Recorder::address).toList());
        assertEquals(List.of("rejected", "recording"),
                md.recorders().stream().map(RecordingMetadata.Recorder::outcome).toList());
        assertEquals(1, md.siprec().metadataXml().size(), "the same snapshot offered twice is kept once");
        assertEquals(1, sim.counter("calls"));
        assertEquals(1, sim.counter("dialogs-joined"));
    }

    @Test
    void an_unanswered_srs_then_the_next_one_is_one_recording() {
        SipFixtures toA = fixtures("rs-ua@10.2.0.10", SRS_A);
        SipFixtures toB = fixtures("rs-ub@10.2.0.10", SRS_B);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.sipAt(toA.message("invite"), SRC, srs(SRS_A), 0, 0.5, 1.5);
        setUp(sim, toB, "invite", "200", SRS_B, 3.5);
        media(sim, SRS_B, 2, 3.7, 7.7);
        tearDown(sim, toB, SRS_B, 7.8);
        sim.run(11);

        MemoryRecordings.Recording r = sim.recordings.only();
        RecordingMetadata md = r.metadata;
        assertTrue(md.id().startsWith("20260501T100000Z-"));
        // failedAt = the first evidence: the first transmission of the INVITE that was never answered
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.2.0.50:5060", true, "2026-05-01T10:00:00.000Z",
                List.of("unanswered-retransmissions")), md.primaryRecorder());
        RecordingMetadata.Recorder first = md.recorders().get(0);
        assertEquals(List.of(3, false, "no-answer"), List.of(first.invites(), first.answered(), first.outcome()));
        assertEquals(List.of("rs-ua@10.2.0.10", "rs-ub@10.2.0.10"), md.sip().callIds());
        assertChannelTones(r, 2, 0.5, 3.5);
    }

    @Test
    void failover_keeping_call_id_and_from_tag_is_a_new_offer_to_the_next_srs() {
        SipFixtures toA = fixtures("rs-same@10.2.0.10", SRS_A);
        SipFixtures toB = fixtures("rs-same@10.2.0.10", SRS_B);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        for (double t : new double[] {0, 0.5, 1.5, 3.5}) {        // RFC 3263: the same request to the next server
            sim.sip(t, toA.message("invite"), SRC, srs(SRS_A));
            sim.at(t + 0.001, () -> sim.correlator.onIcmpUnreachable(SRC, srs(SRS_A), CallSim.at(t + 0.001)));
        }
        setUp(sim, toB, "invite", "200", SRS_B, 7.5);
        media(sim, SRS_B, 2, 7.7, 11.7);
        tearDown(sim, toB, SRS_B, 11.8);
        sim.run(15);

        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals("bye", md.endReason());
        assertEquals(List.of("10.2.0.50:5060", "10.2.0.60:5060"),
                md.recorders().stream().map(RecordingMetadata.Recorder::address).toList());
        assertEquals(List.of(4, 1), md.recorders().stream().map(RecordingMetadata.Recorder::invites).toList());
        assertEquals(List.of(4, 0),
                md.recorders().stream().map(RecordingMetadata.Recorder::icmpUnreachable).toList());
        // evidence in the order first seen: the INVITE at 0 s, its first ICMP at 1 ms
        assertEquals(List.of("unanswered-retransmissions", "icmp-port-unreachable"), md.primaryRecorder().evidence());
        assertEquals("2026-05-01T10:00:00.000Z", md.primaryRecorder().failedAt());
        assertEquals(List.of("no-answer", "recording"),
                md.recorders().stream().map(RecordingMetadata.Recorder::outcome).toList());
        assertEquals(List.of("rs-same@10.2.0.10"), md.sip().callIds());
        assertEquals(1, sim.counter("calls"));
        assertEquals(1, sim.counter("dialogs-joined"));
        assertEquals(0, sim.correlator.openSessions());
        assertChannelTones(sim.recordings.only(), 2, 0.5, 3.5);
    }

    @Test
    void the_same_capture_gives_the_same_recording_and_counters() {
        CallSim[] sims = new CallSim[2];
        for (int k = 0; k < 2; k++) {
            SipFixtures fx = fixtures("rs-d@10.2.0.10", SRS_A);
            sims[k] = new CallSim(CorrelatorConfig.defaults());
            setUp(sims[k], fx, "invite-3", "200-3", SRS_A, 0);
            media(sims[k], SRS_A, 3, 0.2, 3.2);
            tearDown(sims[k], fx, SRS_A, 3.3);
            sims[k].run(6);
        }
        assertEquals(sims[0].recordings.only().metadata, sims[1].recordings.only().metadata);
        org.junit.jupiter.api.Assertions.assertArrayEquals(sims[0].recordings.only().interleaved(),
                sims[1].recordings.only().interleaved());
        assertEquals(sims[0].correlator.counters(), sims[1].correlator.counters());
    }

    @Test
    void supported_siprec_alone_is_a_plain_call() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call");
        byte[] b = fx.bytes("invite");
        String text = new String(b, StandardCharsets.UTF_8).replace("User-Agent:", "Supported: siprec, timer\r\nUser-Agent:");
        var m = ((org.shadowrec.sip.api.SipParseResult.Parsed) new org.shadowrec.sip.api.SipDecoder(
                org.shadowrec.sip.api.SipLimits.defaults()).decode(text.getBytes(StandardCharsets.UTF_8), 0,
                text.length())).message();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, m).fromCallee(2.0, fx.message("200")).fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), CallSim.CALLER_MEDIA, CallSim.CALLEE_MEDIA, 2.1, 3.1);
        sim.fromCaller(3.2, fx.message("bye")).fromCallee(3.21, fx.message("200-bye"));
        sim.run(6);
        assertEquals("sip", sim.recordings.only().metadata.kind());
        assertNull(sim.recordings.only().metadata.recorders());
    }
}
