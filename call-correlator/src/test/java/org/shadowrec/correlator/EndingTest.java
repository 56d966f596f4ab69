package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;

/** How calls end: CANCEL, final failure, BYE without answer, RTP timeout, max duration, shutdown, limits. */
class EndingTest {
    private static final Endpoint A = CallSim.CALLER_MEDIA;
    private static final Endpoint B = CallSim.CALLEE_MEDIA;

    private static SipFixtures fixtures() {
        return SipFixtures.load(Scenarios.CALL_ID, "basic-call", "early-media", "cancel-and-failure");
    }

    @Test
    void cancel_before_any_media_makes_no_recording() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.01, fx.message("100"))
                .fromCallee(0.5, fx.message("180")).fromCaller(3.0, fx.message("cancel"))
                .fromCallee(3.01, fx.message("200-cancel")).fromCallee(3.02, fx.message("487"))
                .fromCaller(3.03, fx.message("ack-487"));
        sim.run(4.9);
        assertEquals(1, sim.correlator.openSessions(), "held during the grace after CANCEL");
        sim.run(6);
        assertTrue(sim.recordings.recordings.isEmpty());
        assertEquals(0, sim.correlator.openSessions());
        assertEquals(1, sim.counter("calls-without-media"));
        assertEquals(0, sim.counter("recordings-opened"));
    }

    @Test
    void cancel_after_early_media_ends_the_recording_with_cancel() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.5, fx.message("183"));
        sim.rtp(Scenarios.calleeTone(), B, A, 0.6, 3.0);
        sim.fromCaller(3.0, fx.message("cancel")).fromCallee(3.01, fx.message("200-cancel"))
                .fromCallee(3.02, fx.message("487")).fromCaller(3.03, fx.message("ack-487"));
        sim.run(6);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals("cancel", r.metadata.endReason());
        assertNull(r.metadata.sip().answeredAt());
        assertEquals("2026-05-01T10:00:03.000Z", r.metadata.sip().endedAt());
        Scenarios.assertTone(r, 1, 0.2, 2.2, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);
        assertEquals(1, sim.counter("end-cancel"));
        assertEquals(0, sim.counter("end-failed"), "the 487 after CANCEL is not a failure");
    }

    @Test
    void busy_486_without_media_makes_no_recording() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.01, fx.message("100"))
                .fromCallee(1.0, fx.message("486")).fromCaller(1.01, fx.message("ack-486"));
        sim.run(4);
        assertTrue(sim.recordings.recordings.isEmpty());
        assertEquals(1, sim.counter("calls-without-media"));
        assertEquals(0, sim.correlator.openSessions());
    }

    @Test
    void final_failure_after_early_media_ends_failed() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.5, fx.message("183"));
        sim.rtp(Scenarios.calleeTone(), B, A, 0.6, 2.0);
        sim.fromCallee(2.0, fx.message("486")).fromCaller(2.01, fx.message("ack-486"));
        sim.run(5);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("failed", r.metadata.endReason());
        assertEquals("2026-05-01T10:00:02.000Z", r.metadata.sip().endedAt());
        assertEquals(1, sim.counter("end-failed"));
    }

    @Test
    void bye_without_200_ends_bye_unanswered() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 6.11);
        sim.fromCaller(6.2, fx.message("bye")).fromCaller(6.7, fx.message("bye"));     // retransmitted, never answered
        sim.run(8.1);
        assertFalse(sim.recordings.only().completed(), "grace runs from the first BYE");
        sim.run(9);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("bye-unanswered", r.metadata.endReason());
        assertEquals("2026-05-01T10:00:06.200Z", r.metadata.sip().endedAt());
        assertEquals(1, sim.counter("end-bye-unanswered"));
    }

    @Test
    void rtp_that_stops_without_bye_ends_rtp_timeout_after_the_configured_time() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(Scenarios.config(Duration.ofSeconds(5), Duration.ofHours(4), 100));
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 6.11);
        sim.run(11.0);
        assertFalse(sim.recordings.only().completed(), "last packet at 6.09 s, timeout 5 s");
        sim.run(11.3);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals("rtp-timeout", r.metadata.endReason());
        assertTrue(r.metadata.durationSeconds() > 3.95 && r.metadata.durationSeconds() < 4.1,
                "audio ends with the last packet, not at the timeout: " + r.metadata.durationSeconds());
        assertNull(r.metadata.sip().endedAt());
        assertEquals(0, sim.correlator.openSessions());
    }

    @Test
    void max_duration_closes_the_recording() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(Scenarios.config(Duration.ofSeconds(30), Duration.ofSeconds(3), 100));
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 10.1);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 10.11);
        sim.fromCaller(10.2, fx.message("bye")).fromCallee(10.21, fx.message("200-bye"));
        sim.run(5.0);
        assertFalse(sim.recordings.only().completed());
        sim.run(13);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("max-duration", r.metadata.endReason());
        assertTrue(r.metadata.durationSeconds() >= 2.9 && r.metadata.durationSeconds() <= 3.2,
                "duration " + r.metadata.durationSeconds());
        assertEquals(1, sim.counter("end-max-duration"));
        assertTrue(sim.unmatchedUdp() > 0, "media after the close belongs to no session");
    }

    @Test
    void finish_all_completes_open_recordings_with_the_given_reason_and_drops_calls_without_media() {
        SipFixtures fx = fixtures();
        SipFixtures second = SipFixtures.load("second-" + Scenarios.CALL_ID, "delayed-offer");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 5.0);
        sim.rtp(Scenarios.calleeTone(), B, A, 2.11, 5.0);
        sim.fromCaller(4.0, second.message("invite"));
        sim.run(5.0);
        assertEquals(2, sim.correlator.openSessions());
        sim.correlator.finishAll(CallSim.at(5.0), "shutdown");

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("shutdown", r.metadata.endReason());
        assertNull(r.metadata.sip().endedAt());
        assertTrue(r.metadata.durationSeconds() > 2.8, "all buffered audio is written: " + r.metadata.durationSeconds());
        assertEquals(0, sim.correlator.openSessions());
        assertEquals(1, sim.counter("end-shutdown"));
        assertEquals(1, sim.counter("calls-without-media"));
    }

    @Test
    void finish_all_during_the_bye_grace_keeps_the_bye_reason() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(2.0, fx.message("200"))
                .fromCaller(2.05, fx.message("ack"));
        sim.rtp(Scenarios.callerTone(), A, B, 2.1, 6.1);
        sim.fromCaller(6.2, fx.message("bye")).fromCallee(6.21, fx.message("200-bye"));
        sim.run(7.0);
        sim.correlator.finishAll(CallSim.at(7.0), "shutdown");
        assertEquals("bye", sim.recordings.only().metadata.endReason());
        assertEquals(0, sim.counter("end-shutdown"));
    }

    @Test
    void dialog_without_media_is_dropped_after_the_signalling_timeout() {
        SipFixtures fx = fixtures();
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        sim.fromCaller(0, fx.message("invite")).fromCallee(0.5, fx.message("180"));
        sim.run(300.4);
        assertEquals(1, sim.correlator.openSessions(), "last SIP at 0.5 s, timeout 300 s");
        sim.run(300.6);
        assertEquals(0, sim.correlator.openSessions());
        assertEquals(1, sim.counter("signalling-timeout"));
        assertEquals(1, sim.counter("calls-without-media"));
    }

    @Test
    void max_open_dialogs_bounds_the_state_a_flood_can_create() {
        CallSim sim = new CallSim(Scenarios.config(Duration.ofSeconds(30), Duration.ofHours(4), 3));
        for (int i = 0; i < 5; i++) {
            sim.fromCaller(i * 0.01, SipFixtures.load("flood-" + i, "basic-call").message("invite"));
        }
        sim.fromCallee(0.1, SipFixtures.load("flood-4", "basic-call").message("180"));
        sim.run(0.2);
        assertEquals(3, sim.correlator.openSessions());
        assertEquals(3, sim.counter("calls"));
        assertEquals(2, sim.counter("dialogs-refused"));
        assertEquals(1, sim.counter("sip-no-dialog"), "the refused call's 180 finds no dialog");

        SipFixtures first = SipFixtures.load("flood-0", "basic-call", "cancel-and-failure");
        sim.fromCallee(1.0, first.message("486"));
        sim.fromCaller(4.0, SipFixtures.load("flood-5", "basic-call").message("invite"));
        sim.run(4.1);
        assertEquals(3, sim.correlator.openSessions(), "a slot freed by the ended call is used again");
        assertEquals(4, sim.counter("calls"));
    }
}
