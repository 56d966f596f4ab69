package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;

/**
 * Health of the primary recorder of a Cisco BiB pair (scenario files {@code bib.sip} + {@code health.sip}): each kind
 * of evidence, once confirmed, makes {@code primaryRecorder.failed} true with {@code failedAt} = its first evidence;
 * each false alarm (one ICMP, a burst at a port that just closed, a retransmission answered, a late answer, a reset
 * after the end) leaves it false. The pair is set up at 0 s with recorder A; both legs stream from the phone to
 * recorder port 20000 from 0.2 s to 8.2 s.
 */
class PrimaryHealthTest {
    static final String REC = BibTest.REC_A;
    static final Endpoint REC_SIP = BibTest.rec(REC);
    static final Endpoint REC_MEDIA = Endpoint.parse(REC, 20000);
    static final Endpoint PHONE_NEAR = Endpoint.parse(BibTest.PHONE, 24580);
    static final Endpoint CUCM = BibTest.CUCM;
    /** CUCM's end of a TCP connection to the recorder's SIP port. */
    static final Endpoint CUCM_TCP = Endpoint.parse("10.1.0.10", 41000);

    static SipFixtures fixtures(String ping) {
        return fixtures(ping, 20000);
    }

    static SipFixtures fixtures(String ping, int farRecPort) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("near-call-id", "near-h@10.1.0.10");
        v.put("far-call-id", "far-h@10.1.0.10");
        v.put("refci", "71");
        v.put("farendrefci", "72");
        v.put("recorder", REC);
        v.put("near-rec-port", "20000");
        v.put("far-rec-port", Integer.toString(farRecPort));
        v.put("moved-rec-port", "20010");
        v.put("near-phone-port", "24580");
        v.put("far-phone-port", "24582");
        v.put("ping", ping);
        return SipFixtures.load(v, "bib", "health");
    }

    /** A pair set up at 0 s, media 0.2-8.2 s; the caller adds what happens meanwhile. */
    static CallSim call(SipFixtures fx) {
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        BibTest.setUp(sim, fx, REC, 0);
        BibTest.media(sim, REC, 20000, 20000, 0.2, 8.2, 0x71L, 0x72L);
        return sim;
    }

    /** CUCM ends both legs at {@code t}; the recorder answers when {@code answered}. */
    static void end(CallSim sim, SipFixtures fx, double t, boolean answered) {
        if (answered) {
            BibTest.tearDown(sim, fx, REC, t);
        } else {
            sim.sip(t, fx.message("bye-near"), CUCM, REC_SIP).sip(t, fx.message("bye-far"), CUCM, REC_SIP);
        }
    }

    static void icmp(CallSim sim, double t) {
        sim.at(t, () -> sim.correlator.onIcmpUnreachable(PHONE_NEAR, REC_MEDIA, "port-unreachable", CallSim.at(t)));
    }

    /** What Linux sends back for RTP at 50 packets/s to a closed port: a burst of 6, then one a second. */
    static List<Double> linuxIcmp(double killedAt, double until) {
        List<Double> times = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            times.add(killedAt + 0.02 * k);
        }
        for (double t = killedAt + 1; t < until; t += 1) {
            times.add(t);
        }
        return times;
    }

    static RecordingMetadata.PrimaryRecorder primaryAfter(CallSim sim, SipFixtures fx, boolean answeredBye) {
        end(sim, fx, 8.3, answeredBye);
        sim.run(11);
        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        return r.metadata.primaryRecorder();
    }

    static RecordingMetadata.PrimaryRecorder healthy() {
        return new RecordingMetadata.PrimaryRecorder(REC_SIP.toString(), false, null, List.of());
    }

    static RecordingMetadata.PrimaryRecorder failed(String at, String... evidence) {
        return new RecordingMetadata.PrimaryRecorder(REC_SIP.toString(), true, "2026-05-01T10:00:" + at + "Z",
                List.of(evidence));
    }

    // ---------------------------------------------------------------- ICMP

    @Test
    void a_recorder_killed_mid_call_fails_at_its_first_icmp_and_the_recording_goes_to_the_real_end() {
        SipFixtures fx = fixtures("1");
        CallSim sim = call(fx);
        List<Double> times = linuxIcmp(3.0, 8.2);
        times.forEach(t -> icmp(sim, t));
        end(sim, fx, 8.3, false);
        sim.run(11);

        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals(failed("03.000", "icmp-port-unreachable"), md.primaryRecorder());
        assertEquals(times.size(), md.recorders().get(0).icmpUnreachable());
        assertEquals("bye-unanswered", md.endReason());
        assertEquals(8.0, md.durationSeconds(), 0.021, "recorded to the last RTP packet");
        assertEquals("2026-05-01T10:00:08.203Z", md.end(), "the end of the far leg's last packet");
        Scenarios.assertTone(sim.recordings.only(), 0, 4.0, 7.5, BibTest.NEAR_HZ, BibTest.FAR_HZ);
        assertEquals(times.size(), sim.counter("icmp-unreachable"));
        assertEquals(0, sim.counter("icmp-unmatched"));
    }

    @Test
    void a_siprec_srs_killed_mid_call_fails_at_its_first_icmp_and_the_recording_goes_to_the_real_end() {
        SipFixtures fx = SiprecTest.fixtures("rs-kill@10.2.0.10", SiprecTest.SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SiprecTest.setUp(sim, fx, "invite", "200", SiprecTest.SRS_A, 0);
        SiprecTest.media(sim, SiprecTest.SRS_A, 2, 0.2, 6.2);
        Endpoint srsMedia = Endpoint.parse(SiprecTest.SRS_A, 30002);
        for (double t : linuxIcmp(2.0, 6.2)) {
            sim.at(t, () -> sim.correlator.onIcmpUnreachable(Endpoint.parse("10.2.0.10", 40002), srsMedia,
                    "port-unreachable", CallSim.at(t)));
        }
        sim.sip(6.3, fx.message("bye"), SiprecTest.SRC, SiprecTest.srs(SiprecTest.SRS_A));
        sim.run(9);

        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals(new RecordingMetadata.PrimaryRecorder("10.2.0.50:5060", true, "2026-05-01T10:00:02.000Z",
                List.of("icmp-port-unreachable")), md.primaryRecorder());
        assertEquals("bye-unanswered", md.endReason());
        assertEquals(6.0, md.durationSeconds(), 0.021);
        SiprecTest.assertChannelTones(sim.recordings.only(), 2, 2.5, 5.5);
    }

    @Test
    void the_burst_and_the_next_rate_limited_icmp_one_second_later_confirm() {
        SipFixtures fx = fixtures("2");
        CallSim sim = call(fx);
        linuxIcmp(3.0, 4.01).forEach(t -> icmp(sim, t));        // 3.00 .. 3.10, then 4.00: nothing after
        assertEquals(failed("03.000", "icmp-port-unreachable"), primaryAfter(sim, fx, true));
    }

    @Test
    void host_unreachable_from_the_router_is_its_own_evidence() {
        SipFixtures fx = fixtures("3");
        CallSim sim = call(fx);
        // a router's ARP for the recorder fails every ~3.07 s; each failure answers the queued packets (measured)
        for (double t : new double[] {5.0, 5.00001, 5.00002, 8.07, 8.07001}) {
            sim.at(t, () -> sim.correlator.onIcmpUnreachable(PHONE_NEAR, REC_MEDIA, "host-unreachable",
                    CallSim.at(t)));
        }
        sim.at(5.5, () -> sim.correlator.onIcmpUnreachable(PHONE_NEAR, REC_MEDIA, "admin-prohibited",
                CallSim.at(5.5)));
        assertEquals(failed("05.000", "icmp-host-unreachable"), primaryAfter(sim, fx, true));
        assertEquals(1, sim.counter("icmp-ignored"));
    }

    @Test
    void a_stray_icmp_two_seconds_before_a_kill_does_not_move_the_failure_time() {
        SipFixtures fx = fixtures("31");
        CallSim sim = call(fx);
        icmp(sim, 1.0);
        linuxIcmp(3.0, 8.2).forEach(t -> icmp(sim, t));
        assertEquals(failed("03.000", "icmp-port-unreachable"), primaryAfter(sim, fx, false));
    }

    @Test
    void one_stray_icmp_is_not_a_failure() {
        SipFixtures fx = fixtures("4");
        CallSim sim = call(fx);
        icmp(sim, 4.0);
        assertEquals(healthy(), primaryAfter(sim, fx, true));
        assertEquals(1, sim.recordings.only().metadata.recorders().get(0).icmpUnreachable(), "still counted");
    }

    @Test
    void a_burst_while_the_phone_still_sends_to_a_port_just_closed_is_not_a_failure() {
        SipFixtures fx = fixtures("5");
        CallSim sim = call(fx);
        linuxIcmp(4.0, 4.5).forEach(t -> icmp(sim, t));         // 6 within 100 ms, then the phone moved on
        assertEquals(healthy(), primaryAfter(sim, fx, true));
    }

    @Test
    void icmp_for_rtcp_to_a_recorder_that_never_opened_its_rtcp_port_is_not_a_failure() {
        SipFixtures fx = fixtures("28");
        CallSim sim = call(fx);
        Endpoint rtcp = Endpoint.parse(REC, 20001);
        for (double t = 1.0; t < 8.2; t += 1.0) {       // the phone's RTCP reports to port + 1, refused all call long
            double at = t;
            sim.at(at, () -> sim.correlator.onIcmpUnreachable(Endpoint.parse(BibTest.PHONE, 24581), rtcp,
                    "port-unreachable", CallSim.at(at)));
        }
        assertEquals(healthy(), primaryAfter(sim, fx, true));
        assertEquals(8, sim.counter("icmp-rtcp"));
        assertEquals(0, sim.counter("icmp-unmatched"));
    }

    @Test
    void a_few_lost_rtp_packets_and_a_gap_in_the_media_are_not_a_failure() {
        SipFixtures fx = fixtures("30", 20002);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        BibTest.setUp(sim, fx, REC, 0);
        ToneRtp near = new ToneRtp(0x81L, BibTest.NEAR_HZ, 100, 8000);
        ToneRtp far = new ToneRtp(0x82L, BibTest.FAR_HZ, 7000, 900_000);
        for (int k = 0; k < 400; k++) {
            byte[] n = near.next(k == 0);
            byte[] f = far.next(k == 0);
            if (k != 100 && k != 101 && k != 102 && k != 250) {         // lost on the way to the mirror port
                sim.udp(0.2 + 0.02 * k, PHONE_NEAR, REC_MEDIA, n);
            }
            if (k < 150 || k >= 200) {                                   // a 1 s hole in the far leg
                sim.udp(0.203 + 0.02 * k, Endpoint.parse(BibTest.PHONE, 24582), Endpoint.parse(REC, 20002), f);
            }
        }
        RecordingMetadata.PrimaryRecorder p = primaryAfter(sim, fx, true);
        assertEquals(healthy(), p);
        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals(4, md.channels().get(0).streams().get(0).lost());
        assertEquals(50, md.channels().get(1).streams().get(0).lost());
    }

    @Test
    void two_icmp_far_apart_are_two_strays_not_a_failure() {
        SipFixtures fx = fixtures("6");
        CallSim sim = call(fx);
        icmp(sim, 1.0);
        icmp(sim, 7.0);
        assertEquals(healthy(), primaryAfter(sim, fx, true));
    }

    /**
     * The recorder moves the near leg to port 20010 at 3 s (re-INVITE); the phone goes on sending to the old port
     * until 5 s, and the recorder's host answers those with ICMP: no evidence, the recorder left that port. ICMP for
     * the new port is.
     */
    @Test
    void icmp_for_a_port_the_recorder_left_after_a_media_move_is_not_evidence() {
        for (boolean alsoNewPort : new boolean[] {false, true}) {
            SipFixtures fx = fixtures("27", 20002);
            CallSim sim = new CallSim(CorrelatorConfig.defaults());
            BibTest.setUp(sim, fx, REC, 0);
            BibTest.media(sim, REC, 20000, 20002, 0.2, 8.2, 0x71L, 0x72L);
            sim.sip(3.0, fx.message("reinvite-near"), CUCM, REC_SIP)
                    .sip(3.05, fx.message("200-reinvite-near"), REC_SIP, CUCM)
                    .sip(3.06, fx.message("ack-reinvite-near"), CUCM, REC_SIP);
            linuxIcmp(3.1, 5.0).forEach(t -> icmp(sim, t));
            Endpoint moved = Endpoint.parse(REC, 20010);
            if (alsoNewPort) {
                for (double t : new double[] {6.0, 7.0}) {
                    sim.at(t, () -> sim.correlator.onIcmpUnreachable(PHONE_NEAR, moved, "port-unreachable",
                            CallSim.at(t)));
                }
            }
            RecordingMetadata.PrimaryRecorder p = primaryAfter(sim, fx, true);
            assertEquals(alsoNewPort ? failed("06.000", "icmp-port-unreachable") : healthy(), p);
            assertEquals(7, sim.counter("icmp-stale-media"), "a burst of 6 and one a second later");
        }
    }

    // ---------------------------------------------------------------- unanswered requests

    @Test
    void an_update_retransmitted_without_any_response_fails_from_its_first_transmission() {
        SipFixtures fx = fixtures("7");
        CallSim sim = call(fx);
        // RFC 3261 timer E: T1, 2·T1, 4·T1
        sim.sipAt(fx.message("update-near"), CUCM, REC_SIP, 4.0, 4.5, 5.5, 7.5);
        assertEquals(failed("04.000", "unanswered-retransmissions"), primaryAfter(sim, fx, false));
    }

    @Test
    void an_in_dialog_options_without_any_response_is_options_unanswered() {
        SipFixtures fx = fixtures("8");
        CallSim sim = call(fx);
        sim.sipAt(fx.message("options-near"), CUCM, REC_SIP, 4.0, 4.5, 5.5);
        assertEquals(failed("04.000", "options-unanswered"), primaryAfter(sim, fx, false));
    }

    @Test
    void one_retransmission_then_a_response_is_not_a_failure() {
        SipFixtures fx = fixtures("9");
        CallSim sim = call(fx);
        sim.sip(4.0, fx.message("update-near"), CUCM, REC_SIP).sip(4.5, fx.message("update-near"), CUCM, REC_SIP)
                .sip(4.6, fx.message("200-update-near"), REC_SIP, CUCM);
        assertEquals(healthy(), primaryAfter(sim, fx, true));
    }

    @Test
    void a_recorder_that_answers_late_is_not_a_failure() {
        SipFixtures fx = fixtures("10");
        CallSim sim = call(fx);
        sim.sipAt(fx.message("update-near"), CUCM, REC_SIP, 4.0, 4.5, 5.5);
        sim.sip(5.7, fx.message("200-update-near"), REC_SIP, CUCM);
        assertEquals(healthy(), primaryAfter(sim, fx, true));
    }

    @Test
    void a_mirror_copy_of_a_request_is_not_a_retransmission() {
        SipFixtures fx = fixtures("11");
        CallSim sim = call(fx);
        // copies closer than 250 ms: one transmission
        sim.sipAt(fx.message("update-near"), CUCM, REC_SIP, 4.0, 4.0, 4.1, 4.2);
        BibTest.tearDown(sim, fx, REC, 6.0);
        sim.run(11);
        assertEquals(healthy(), sim.recordings.only().metadata.primaryRecorder());
    }

    // ---------------------------------------------------------------- OPTIONS keep-alives

    @Test
    void out_of_dialog_options_keep_alives_without_response_are_options_unanswered() {
        SipFixtures fx = fixtures("12");
        CallSim sim = call(fx);
        sim.sipAt(fx.message("options-ping"), CUCM, REC_SIP, 5.0, 5.5, 6.5);
        assertEquals(failed("05.000", "options-unanswered"), primaryAfter(sim, fx, false));
        assertEquals(1, sim.counter("recorder-options-unanswered"));
    }

    @Test
    void answered_options_keep_alives_are_not_a_failure() {
        SipFixtures fx = fixtures("13");
        SipFixtures second = fixtures("14");
        CallSim sim = call(fx);
        sim.sip(3.0, fx.message("options-ping"), CUCM, REC_SIP).sip(3.5, fx.message("options-ping"), CUCM, REC_SIP)
                .sip(3.6, fx.message("200-options-ping"), REC_SIP, CUCM);
        sim.sip(5.0, second.message("options-ping"), CUCM, REC_SIP)
                .sip(5.001, second.message("200-options-ping"), REC_SIP, CUCM);
        assertEquals(healthy(), primaryAfter(sim, fx, true));
        assertEquals(0, sim.counter("recorder-options-unanswered"));
    }

    @Test
    void options_unanswered_for_a_while_then_answered_within_the_window_is_not_a_failure() {
        SipFixtures fx = fixtures("15");
        CallSim sim = call(fx);
        sim.sipAt(fx.message("options-ping"), CUCM, REC_SIP, 3.0, 3.5, 4.5);
        sim.sip(6.0, fx.message("200-options-ping"), REC_SIP, CUCM);
        assertEquals(healthy(), primaryAfter(sim, fx, true));
        assertEquals(1, sim.counter("recorder-options-unanswered"), "suspected, then cleared");
    }

    // ---------------------------------------------------------------- TCP

    @Test
    void a_tcp_reset_by_the_recorder_while_its_dialogs_are_live_fails_at_the_reset() {
        SipFixtures fx = fixtures("16");
        CallSim sim = call(fx);
        boolean[] matched = new boolean[1];
        sim.at(4.25, () -> matched[0] = sim.correlator.onTcpReset(REC_SIP, CUCM_TCP, CallSim.at(4.25)));
        assertEquals(failed("04.250", "tcp-reset"), primaryAfter(sim, fx, false));
        assertTrue(matched[0]);
        assertEquals(1, sim.counter("recorder-tcp-reset"));
    }

    @Test
    void a_reset_towards_the_recorder_counts_too() {
        SipFixtures fx = fixtures("17");
        CallSim sim = call(fx);
        sim.at(4.25, () -> sim.correlator.onTcpReset(CUCM_TCP, REC_SIP, CallSim.at(4.25)));
        assertEquals(failed("04.250", "tcp-reset"), primaryAfter(sim, fx, false));
    }

    @Test
    void a_reset_after_the_dialogs_ended_or_followed_by_an_answer_is_not_a_failure() {
        SipFixtures fx = fixtures("18");
        CallSim sim = call(fx);
        sim.at(4.0, () -> sim.correlator.onTcpReset(REC_SIP, CUCM_TCP, CallSim.at(4.0)));
        sim.sip(4.1, fx.message("update-near"), CUCM, REC_SIP)          // CUCM reconnects, the recorder answers
                .sip(4.12, fx.message("200-update-near"), REC_SIP, CUCM);
        BibTest.tearDown(sim, fx, REC, 8.3);
        sim.at(8.4, () -> sim.correlator.onTcpReset(REC_SIP, CUCM_TCP, CallSim.at(8.4)));   // closing after BYE
        sim.at(8.5, () -> sim.correlator.onTcpReset(REC_SIP, Endpoint.parse("10.9.9.9", 5000),
                CallSim.at(8.5)));                                                            // another client
        sim.run(11);
        assertEquals(healthy(), sim.recordings.only().metadata.primaryRecorder());
        assertEquals(1, sim.counter("recorder-tcp-reset"));
    }

    @Test
    void a_segment_to_the_recorder_never_acknowledged_is_tcp_unacknowledged_from_its_first_transmission() {
        SipFixtures fx = fixtures("19");
        CallSim sim = call(fx);
        long first = CallSim.at(5.0);
        sim.at(5.2, () -> sim.correlator.onTcpRetransmission(CUCM_TCP, REC_SIP, first, 2, CallSim.at(5.2)));
        sim.at(5.6, () -> sim.correlator.onTcpRetransmission(CUCM_TCP, REC_SIP, first, 3, CallSim.at(5.6)));
        assertEquals(failed("05.000", "tcp-unacknowledged"), primaryAfter(sim, fx, false));
        assertEquals(1, sim.counter("recorder-tcp-unacknowledged"));
    }

    @Test
    void a_segment_retransmitted_fewer_times_or_briefly_is_not_a_failure() {
        SipFixtures fx = fixtures("20");
        CallSim sim = call(fx);
        long first = CallSim.at(5.0);
        sim.at(5.7, () -> sim.correlator.onTcpRetransmission(CUCM_TCP, REC_SIP, first, 2, CallSim.at(5.7)));
        sim.at(6.3, () -> sim.correlator.onTcpRetransmission(CUCM_TCP, REC_SIP, CallSim.at(6.0), 3,
                CallSim.at(6.3)));
        assertEquals(healthy(), primaryAfter(sim, fx, true));
    }

    @Test
    void icmp_for_sip_sent_to_a_recorder_that_took_the_session_is_evidence_too() {
        SipFixtures fx = fixtures("26");
        CallSim sim = call(fx);
        for (double t : new double[] {4.0, 4.5, 5.5}) {
            sim.sip(t, fx.message("update-near"), CUCM, REC_SIP);
            sim.at(t + 0.001, () -> sim.correlator.onIcmpUnreachable(CUCM, REC_SIP, "port-unreachable",
                    CallSim.at(t + 0.001)));
        }
        assertEquals(failed("04.000", "unanswered-retransmissions", "icmp-port-unreachable"),
                primaryAfter(sim, fx, false));
        assertEquals(0, sim.counter("icmp-unmatched"));
    }

    // ---------------------------------------------------------------- several kinds

    @Test
    void evidence_is_listed_in_the_order_first_seen_and_failed_at_is_the_earliest() {
        SipFixtures fx = fixtures("21");
        CallSim sim = call(fx);
        linuxIcmp(3.0, 8.2).forEach(t -> icmp(sim, t));
        sim.sipAt(fx.message("update-near"), CUCM, REC_SIP, 2.5, 3.0, 4.0);
        assertEquals(failed("02.500", "unanswered-retransmissions", "icmp-port-unreachable"),
                primaryAfter(sim, fx, false));
    }

    // ---------------------------------------------------------------- recording to the real end

    @Test
    void a_bye_from_the_recorder_while_the_phone_streams_keeps_the_recording_until_the_media_stops() {
        SipFixtures fx = fixtures("22", 20002);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        BibTest.setUp(sim, fx, REC, 0);
        BibTest.media(sim, REC, 20000, 20002, 0.2, 8.2, 0x71L, 0x72L);
        sim.sip(3.0, fx.message("bye-by-recorder-near"), REC_SIP, CUCM)
                .sip(3.01, fx.message("200-bye-by-recorder-near"), CUCM, REC_SIP);
        linuxIcmp(3.02, 8.2).forEach(t -> icmp(sim, t));     // it closed the near leg's port 20000
        sim.run(10.1);
        assertFalse(sim.recordings.only().completed(), "media until 8.2 s, then the 2 s grace");
        sim.run(10.5);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals("bye", r.metadata.endReason());
        assertEquals(8.0, r.metadata.durationSeconds(), 0.021);
        assertEquals("2026-05-01T10:00:08.203Z", r.metadata.end(), "the end of the last packet");
        Scenarios.assertTone(r, 0, 3.5, 7.5, BibTest.NEAR_HZ, BibTest.FAR_HZ);
        assertEquals(healthy(), r.metadata.primaryRecorder(), "hanging up is not failing");
        assertEquals(11, sim.counter("icmp-after-end"), "its closed port answered the phone's RTP");
        assertEquals(0, sim.correlator.openSessions());
    }

    @Test
    void a_shutdown_while_the_phone_still_streams_after_the_recorders_bye_ends_with_shutdown() {
        SipFixtures fx = fixtures("29");
        CallSim sim = call(fx);
        sim.sip(3.0, fx.message("bye-by-recorder-near"), REC_SIP, CUCM)
                .sip(3.01, fx.message("200-bye-by-recorder-near"), CUCM, REC_SIP);
        sim.run(6.0);
        sim.correlator.finishAll(CallSim.at(6.0), "shutdown");
        assertEquals("shutdown", sim.recordings.only().metadata.endReason());
    }

    @Test
    void after_a_bye_from_the_recorder_the_phone_systems_bye_ends_the_recording_as_usual() {
        SipFixtures fx = fixtures("23");
        CallSim sim = call(fx);
        sim.sip(3.0, fx.message("bye-by-recorder-near"), REC_SIP, CUCM);
        sim.sip(5.0, fx.message("bye-far"), CUCM, REC_SIP);
        sim.run(12);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("bye-unanswered", r.metadata.endReason());
        assertEquals(6.8, r.metadata.durationSeconds(), 0.05, "ends 2 s after CUCM's BYE though media goes on");
    }

    @Test
    void a_recording_whose_recorder_died_and_whose_signalling_never_ended_closes_at_rtp_timeout() {
        SipFixtures fx = fixtures("24");
        CallSim sim = new CallSim(Scenarios.config(Duration.ofSeconds(5), Duration.ofHours(4), 100));
        BibTest.setUp(sim, fx, REC, 0);
        BibTest.media(sim, REC, 20000, 20000, 0.2, 5.2, 0x71L, 0x72L);
        linuxIcmp(2.0, 5.2).forEach(t -> icmp(sim, t));
        sim.run(10.1);
        assertFalse(sim.recordings.only().completed(), "last packet at 5.183 s, timeout 5 s");
        sim.run(10.4);

        MemoryRecordings.Recording r = sim.recordings.only();
        assertTrue(r.completed());
        assertEquals("rtp-timeout", r.metadata.endReason());
        assertEquals("2026-05-01T10:00:05.203Z", r.metadata.end(), "end = last media, not the timeout");
        assertNull(r.metadata.sip().endedAt());
        assertEquals(failed("02.000", "icmp-port-unreachable"), r.metadata.primaryRecorder());
        assertEquals(0, sim.correlator.openSessions());
        assertEquals(0, sim.correlator.openRecordings());
    }

    @Test
    void max_duration_closes_a_recording_whose_recorder_hung_up_while_media_goes_on() {
        SipFixtures fx = fixtures("25");
        CallSim sim = new CallSim(Scenarios.config(Duration.ofSeconds(30), Duration.ofSeconds(5), 100));
        sim.sip(1.0, fx.message("bye-by-recorder-near"), REC_SIP, CUCM);
        BibTest.setUp(sim, fx, REC, 0);
        BibTest.media(sim, REC, 20000, 20000, 0.2, 8.2, 0x71L, 0x72L);
        sim.run(9);
        MemoryRecordings.Recording r = sim.recordings.only();
        assertEquals("max-duration", r.metadata.endReason());
        assertEquals(5.0, r.metadata.durationSeconds(), 0.15);
    }
}
