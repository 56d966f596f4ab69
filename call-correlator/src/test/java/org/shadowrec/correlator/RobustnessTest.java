package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CallCorrelator;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.Transport;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;

/**
 * Packet content never throws out of the correlator: every scenario message with random byte mutations (whatever the
 * decoder still accepts), shuffled, mixed with random datagrams to announced and random endpoints. Seeded, so a
 * failure reproduces.
 */
class RobustnessTest {
    private static final String[] FILES = {"basic-call", "delayed-offer", "early-media", "reinvite", "hold",
        "cancel-and-failure", "symmetric-rtp"};
    private static final String[] LABELS = {"invite", "100", "180", "183", "183-fork", "200", "ack", "bye", "200-bye",
        "bye-callee", "200-bye-callee", "reinvite-callee", "200-reinvite-callee", "update-caller", "200-update",
        "reinvite-hold", "reinvite-hold-zero", "200-hold", "reinvite-resume", "cancel", "200-cancel", "487", "486"};

    @Test
    void mutated_sip_and_random_datagrams_never_throw_and_every_recording_completes_once() {
        Random rnd = new Random(20260501L);
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        List<byte[]> corpus = new ArrayList<>();
        for (int call = 0; call < 20; call++) {
            SipFixtures fx = SipFixtures.load("fuzz-" + call, FILES);
            for (String label : LABELS) {
                corpus.add(fx.bytes(label));
            }
        }
        MemoryRecordings recordings = new MemoryRecordings();
        CallCorrelator c = new CallCorrelator(Scenarios.config(Duration.ofSeconds(5), Duration.ofSeconds(60), 50),
                recordings);
        Endpoint[] media = {CallSim.CALLER_MEDIA, CallSim.CALLEE_MEDIA, CallSim.CALLER_MEDIA.withPort(4001),
            Endpoint.parse("10.0.0.2", 6002), Endpoint.parse("10.0.0.3", 6100), Endpoint.parse("192.0.2.1", 9)};
        ToneRtp tone = Scenarios.callerTone();
        long now = CallSim.at(0);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            now += rnd.nextInt(20_000_000);
            int what = rnd.nextInt(10);
            if (what < 4) {
                byte[] msg = corpus.get(rnd.nextInt(corpus.size())).clone();
                for (int m = rnd.nextInt(4); m > 0; m--) {
                    msg[rnd.nextInt(msg.length)] = (byte) rnd.nextInt(256);
                }
                SipParseResult r = decoder.decode(msg, 0, msg.length);
                if (r instanceof SipParseResult.Parsed p) {
                    parsed++;
                    SipMessage sip = p.message();
                    c.onSip(sip, CallSim.CALLER_SIP, CallSim.CALLEE_SIP, Transport.UDP, now);
                }
            } else if (what < 9) {
                byte[] pkt = rnd.nextInt(5) == 0 ? randomBytes(rnd) : tone.next(false);
                c.onUdp(media[rnd.nextInt(media.length)], media[rnd.nextInt(media.length)], now, pkt, 0, pkt.length);
            } else {
                c.onTick(now);
            }
            assertTrue(c.openSessions() <= 50);
        }
        c.finishAll(now, "shutdown");

        assertTrue(parsed > 1000, "the corpus must reach the correlator: " + parsed);
        assertEquals(0, c.openSessions());
        assertTrue(c.counters().get("calls") > 0);
        assertTrue(recordings.recordings.size() > 0, "media reached sessions");
        assertEquals(c.counters().get("recordings-opened"), (long) recordings.recordings.size());
        for (MemoryRecordings.Recording r : recordings.recordings) {
            assertEquals(1, r.completions, r.id);
            assertEquals(0, r.writesAfterComplete, r.id);
            assertTrue(r.id.matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}"), r.id);
        }
        assertEquals(c.counters().get("recordings-opened"), c.counters().get("recordings-completed"));
    }

    @Test
    void mutated_bib_and_siprec_offers_to_several_recorders_never_throw_and_complete_once() {
        Random rnd = new Random(20261202L);
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        List<byte[]> corpus = new ArrayList<>();
        String[] bibLabels = {"invite-near", "invite-far", "100-near", "200-near", "200-far", "ack-near", "ack-far",
            "503-near", "503-far", "bye-near", "bye-far", "200-bye-near", "200-bye-far"};
        String[] siprecLabels = {"invite", "invite-3", "invite-mixed", "invite-cube", "100", "503", "200", "200-3",
            "ack", "reinvite-partial", "200-reinvite", "ack-2", "bye", "200-bye"};
        for (int call = 0; call < 10; call++) {
            String recorder = call % 2 == 0 ? BibTest.REC_A : BibTest.REC_B;
            SipFixtures bib = BibTest.pair(recorder, "r" + call % 4, "f" + call % 3, "fz" + call, 20000, 20000 + call);
            for (String label : bibLabels) {
                corpus.add(bib.bytes(label));
            }
            SipFixtures rec = SipFixtures.load(java.util.Map.of("call-id", "fz-rs-" + call % 5, "srs", recorder,
                    "session-id", "c2Vzcw" + call % 3), "siprec");
            for (String label : siprecLabels) {
                corpus.add(rec.bytes(label));
            }
        }
        MemoryRecordings recordings = new MemoryRecordings();
        CallCorrelator c = new CallCorrelator(Scenarios.config(Duration.ofSeconds(5), Duration.ofSeconds(60), 50),
                recordings);
        Endpoint[] sip = {BibTest.CUCM, SiprecTest.SRC, BibTest.rec(BibTest.REC_A), BibTest.rec(BibTest.REC_B)};
        Endpoint[] media = {Endpoint.parse(BibTest.PHONE, 24580), Endpoint.parse(BibTest.PHONE, 24582),
            Endpoint.parse(BibTest.REC_A, 20000), Endpoint.parse(BibTest.REC_B, 20003),
            Endpoint.parse("10.2.0.10", 40000), Endpoint.parse("10.2.0.10", 40004),
            Endpoint.parse(BibTest.REC_A, 30002), Endpoint.parse(BibTest.REC_B, 30004)};
        ToneRtp tone = Scenarios.callerTone();
        long now = CallSim.at(0);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            now += rnd.nextInt(20_000_000);
            int what = rnd.nextInt(10);
            if (what < 4) {
                byte[] msg = corpus.get(rnd.nextInt(corpus.size())).clone();
                for (int m = rnd.nextInt(4); m > 0; m--) {
                    msg[rnd.nextInt(msg.length)] = (byte) rnd.nextInt(256);
                }
                if (decoder.decode(msg, 0, msg.length) instanceof SipParseResult.Parsed p) {
                    parsed++;
                    c.onSip(p.message(), sip[rnd.nextInt(sip.length)], sip[rnd.nextInt(sip.length)], Transport.UDP,
                            now);
                }
            } else if (what < 9) {
                byte[] pkt = rnd.nextInt(5) == 0 ? randomBytes(rnd) : tone.next(false);
                c.onUdp(media[rnd.nextInt(media.length)], media[rnd.nextInt(media.length)], now, pkt, 0, pkt.length);
            } else {
                c.onTick(now);
            }
            assertTrue(c.openSessions() <= 50);
        }
        c.finishAll(now, "shutdown");

        assertTrue(parsed > 1000, "the corpus must reach the correlator: " + parsed);
        assertEquals(0, c.openSessions());
        assertTrue(c.counters().get("dialogs-joined") > 0, "pairs and failover offers joined sessions");
        assertTrue(recordings.recordings.size() > 0, "media reached sessions");
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (MemoryRecordings.Recording r : recordings.recordings) {
            assertEquals(1, r.completions, r.id);
            assertEquals(0, r.writesAfterComplete, r.id);
            assertEquals(r.channels, r.metadata.channels().size(), r.id);
            kinds.add(r.metadata.kind());       // a mutation may hit the BiB flag or the SIPREC marks: a plain call
        }
        assertTrue(kinds.containsAll(List.of("bib", "siprec")), "kinds recorded: " + kinds);
        assertEquals(c.counters().get("recordings-opened"), c.counters().get("recordings-completed"));
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        return b;
    }
}
