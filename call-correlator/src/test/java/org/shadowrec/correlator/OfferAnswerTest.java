package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;

/** Where media goes as offers and answers move it (RFC 3264, RFC 3311, RFC 3262 timing), and what is not audio. */
class OfferAnswerTest {
    private static final Endpoint A = CallSim.CALLER_MEDIA;
    private static final Endpoint B = CallSim.CALLEE_MEDIA;
    private static final Endpoint A2 = Endpoint.parse("10.0.0.1", 4002);
    private static final Endpoint B2 = Endpoint.parse("10.0.0.2", 6002);

    private static List<String> streams(RecordingMetadata md, int channel, boolean src) {
        return md.channels().get(channel).streams().stream().map(s -> src ? s.src() : s.dst()).toList();
    }

    @Test
    void delayed_offer_in_200_with_answer_in_ack() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "delayed-offer");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.01, fx.message("100"))
                .fromCallee(0.5, fx.message("180")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 6.11);
        sim.fromCaller(6.2, fx.message("bye")).fromCallee(6.21, fx.message("200-bye"));
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals("bye", r.metadata.endReason());
        Scenarios.assertTone(r, 0, 0.3, 3.7, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 0.3, 3.7, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals("2026-05-01T10:00:02.000Z", r.metadata.sip().answeredAt());
        assertEquals(0, sim.unmatchedUdp());
    }

    @Test
    void early_media_on_183_then_200_is_one_recording_from_the_first_packet() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "early-media");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        ToneRtp callee = Scenarios.calleeTone();
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.01, fx.message("100"))
                .fromCallee(0.5, fx.message("183"));
        sim.rtp(callee, B, A, 0.6, 2.0);              // ringback / announcement before the answer
        sim.fromCallee(2.0, fx.message("200")).fromCaller(2.05, fx.message("ack"));
        sim.rtp(callee, B, A, 2.0, 6.0);
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.fromCallee(6.2, fx.message("bye-callee")).fromCaller(6.21, fx.message("200-bye-callee"));
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        RecordingMetadata md = r.metadata;
        assertEquals("bye", md.endReason());
        assertEquals("2026-05-01T10:00:00.600Z", md.start());
        Scenarios.assertTone(r, 1, 0.1, 1.3, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        Scenarios.assertSilent(r, 0, 0.1, 1.3);
        Scenarios.assertTone(r, 0, 1.7, 5.3, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 1.7, 5.3, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(new RecordingMetadata.Sip(List.of(Scenarios.CALL_ID), "2026-05-01T10:00:00.000Z",
                "2026-05-01T10:00:02.000Z", "2026-05-01T10:00:06.200Z"), md.sip());
        assertEquals("BobPhone/2.0", md.channels().get(1).party().device());
        assertEquals(270, md.channels().get(1).streams().get(0).packets());
    }

    @Test
    void reinvite_from_callee_moves_its_media_and_audio_stays_on_its_channel() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "reinvite");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        ToneRtp caller = Scenarios.callerTone();
        ToneRtp callee = Scenarios.calleeTone();
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.5, fx.message("180"))
                .fromCallee(2.0, fx.message("200")).fromCaller(2.05, fx.message("ack"));
        sim.rtp(caller, A, B, 2.1, 6.16);                // trailing packets to the old port after the move
        sim.rtp(callee, B, A, 2.11, 6.11);
        sim.fromCallee(6.0, fx.message("reinvite-callee")).fromCaller(6.01, fx.message("200-reinvite-callee"))
                .fromCallee(6.02, fx.message("ack-reinvite-callee"));
        sim.rtp(callee, B2, A, 6.11, 10.11);
        sim.rtp(caller, A, B2, 6.16, 10.1);
        sim.fromCaller(10.2, fx.message("bye")).fromCallee(10.21, fx.message("200-bye"));
        sim.run(13);

        MemoryRecordings.Recording r = sim.recordings.only();
        RecordingMetadata md = r.metadata;
        assertEquals("bye", md.endReason());
        for (double[] span : new double[][] {{0.3, 3.7}, {4.3, 7.7}}) {
            Scenarios.assertTone(r, 0, span[0], span[1], Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
            Scenarios.assertTone(r, 1, span[0], span[1], Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        }
        assertEquals(List.of("10.0.0.2:6000", "10.0.0.2:6002"), streams(md, 1, true));
        assertEquals(List.of("10.0.0.2:6000", "10.0.0.2:6002"), streams(md, 0, false));
        assertEquals(400, md.channels().get(1).streams().stream().mapToLong(RecordingMetadata.Stream::packets).sum());
        assertEquals(400, md.channels().get(0).streams().stream().mapToLong(RecordingMetadata.Stream::packets).sum());
        assertEquals(0, sim.unmatchedUdp());
    }

    @Test
    void update_from_caller_moves_its_media() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "reinvite", "early-media");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        ToneRtp caller = Scenarios.callerTone();
        ToneRtp callee = Scenarios.calleeTone();
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(caller, A, B, 2.1, 6.1);
        sim.rtp(callee, B, A, 2.11, 6.11);
        sim.fromCaller(6.0, fx.message("update-caller")).fromCallee(6.01, fx.message("200-update"));
        sim.rtp(caller, A2, B, 6.1, 10.1);
        sim.rtp(callee, B, A2, 6.11, 10.11);
        sim.fromCallee(10.2, fx.message("bye-callee")).fromCaller(10.21, fx.message("200-bye-callee"));
        sim.run(13);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("bye", r.metadata.endReason());
        Scenarios.assertTone(r, 0, 4.3, 7.7, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 4.3, 7.7, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(List.of("10.0.0.1:4000", "10.0.0.1:4002"), streams(r.metadata, 0, true));
        assertEquals(List.of("10.0.0.1:4000", "10.0.0.1:4002"), streams(r.metadata, 1, false));
        assertEquals(0, sim.unmatchedUdp());
    }

    /** Caller holds (sendonly, or c=0.0.0.0) for 3 s while only it sends, then resumes. */
    private static CallSim holdAndResume(String holdLabel, java.util.function.Consumer<CallSim> extra) {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "hold");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        ToneRtp caller = Scenarios.callerTone();
        ToneRtp callee = Scenarios.calleeTone();
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(caller, A, B, 2.1, 11.1);                 // the caller plays music on hold throughout
        sim.rtp(callee, B, A, 2.11, 5.11);
        sim.fromCaller(5.0, fx.message(holdLabel)).fromCallee(5.01, fx.message("200-hold"))
                .fromCaller(5.02, fx.message("ack-hold"));
        callee.skip(3.0);
        sim.fromCaller(8.0, fx.message("reinvite-resume")).fromCallee(8.01, fx.message("200-resume"))
                .fromCaller(8.02, fx.message("ack-resume"));
        sim.rtp(callee, B, A, 8.11, 11.11);
        sim.fromCaller(11.2, fx.message("bye-after-resume")).fromCallee(11.21, fx.message("200-bye-after-resume"));
        extra.accept(sim);
        sim.run(14);
        return sim;
    }

    @Test
    void hold_and_resume_keep_one_recording_with_silence_while_held() {
        CallSim sim = holdAndResume("reinvite-hold", x -> { });
        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("bye", r.metadata.endReason());
        Scenarios.assertTone(r, 0, 0.3, 8.7, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 0.3, 2.7, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        Scenarios.assertSilent(r, 1, 3.3, 5.7);
        Scenarios.assertTone(r, 1, 6.3, 8.7, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(0, sim.unmatchedUdp());
        assertEquals(1, sim.counter("calls"));
    }

    @Test
    void hold_to_zero_address_maps_nothing_and_the_call_goes_on() {
        byte[] stray = new ToneRtp(0x77L, 300, 1, 1).next(true);
        CallSim sim = holdAndResume("reinvite-hold-zero",
                x -> x.udp(6.0, Endpoint.parse("10.0.0.9", 7000), Endpoint.parse("0.0.0.0", 4000), stray));
        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("bye", r.metadata.endReason());
        Scenarios.assertTone(r, 0, 0.3, 8.7, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 6.3, 8.7, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(1, sim.unmatchedUdp(), "only the stray datagram to 0.0.0.0 is unmatched: nothing is bound there");
    }

    @Test
    void symmetric_rtp_is_matched_by_source_when_the_destination_was_never_announced() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "symmetric-rtp");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        // the caller announced 192.168.1.10:4000 but its NAT sends from 10.0.0.1:4000; the callee answers there
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 6.11);
        sim.fromCaller(6.2, fx.message("bye")).fromCallee(6.21, fx.message("200-bye"));
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        Scenarios.assertTone(r, 0, 0.3, 3.7, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 0.3, 3.7, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(List.of("10.0.0.1:4000"), streams(r.metadata, 1, false));
        assertEquals(200, r.metadata.channels().get(1).streams().get(0).packets());
        assertEquals(0, sim.unmatchedUdp());
    }

    @Test
    void rtcp_is_claimed_and_counted_but_not_recorded() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 6.11);
        Endpoint aRtcp = A.withPort(4001);
        Endpoint bRtcp = B.withPort(6001);
        for (double t : new double[] {3.0, 5.0}) {
            sim.udp(t, aRtcp, bRtcp, ToneRtp.rtcpSenderReport(Scenarios.CALLER_SSRC));
            sim.udp(t + 0.01, bRtcp, aRtcp, ToneRtp.rtcpSenderReport(Scenarios.CALLEE_SSRC));
        }
        sim.fromCaller(6.2, fx.message("bye")).fromCallee(6.21, fx.message("200-bye"));
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals(0, sim.unmatchedUdp());
        assertEquals(4, sim.counter("rtcp"));
        assertEquals(400, sim.counter("mixer-rtp"));
        for (RecordingMetadata.Channel c : r.metadata.channels()) {
            assertEquals(1, c.streams().size());
            assertEquals(200, c.streams().get(0).packets());
        }
        assertFalse(r.metadata.channels().get(0).streams().get(0).src().endsWith(":4001"));
    }

    @Test
    void forked_early_media_with_another_to_tag_belongs_to_the_same_call() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call", "early-media");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        Endpoint fork = Endpoint.parse("10.0.0.3", 6100);
        sim.fromCaller(0, fx.message("invite")).sip(0.4, fx.message("183-fork"), Endpoint.parse("10.0.0.3", 5060),
                CallSim.CALLER_SIP);
        sim.rtp(new ToneRtp(0xF0F0F0F0L, Scenarios.CALLEE_HZ, 7, 7), fork, A, 0.5, 1.5);
        sim.fromCallee(2.0, fx.message("200")).fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 4.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 4.11);
        sim.fromCaller(4.2, fx.message("bye")).fromCallee(4.21, fx.message("200-bye"));
        sim.run(7);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals(1, sim.counter("calls"));
        assertEquals("bye", r.metadata.endReason());
        assertEquals(List.of("10.0.0.3:6100", "10.0.0.2:6000"), streams(r.metadata, 1, true));
        Scenarios.assertTone(r, 1, 0.1, 0.9, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(0, sim.unmatchedUdp());
    }

    @Test
    void telephone_events_use_the_payload_type_the_receiver_announced() {
        SipFixtures fx = SipFixtures.load(Scenarios.CALL_ID, "basic-call");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        ToneRtp caller = Scenarios.callerTone();
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(caller, A, B, 2.1, 4.0);
        int[] durations = {160, 320, 480, 640, 800, 800, 800};        // 100 ms; the end packet sent three times
        for (int i = 0; i < durations.length; i++) {
            sim.udp(4.0 + 0.02 * i, A, B, caller.dtmf(5, durations[i], i >= 4, i == 0));
        }
        caller.afterEvent(800);
        sim.rtp(caller, A, B, 4.14, 6.1);
        sim.fromCaller(6.2, fx.message("bye")).fromCallee(6.21, fx.message("200-bye"));
        sim.run(9);

        RecordingMetadata.Stream s = sim.recordings.only().metadata.channels().get(0).streams().get(0);
        assertEquals(List.of(new RecordingMetadata.Dtmf("5", "2026-05-01T10:00:04.000Z", 100)), s.dtmf());
        assertEquals("PCMU", s.codec());
    }
}
