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

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        return b;
    }
}
