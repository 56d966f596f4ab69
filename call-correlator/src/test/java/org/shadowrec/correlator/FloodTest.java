package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.CallCorrelator;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.correlator.api.Transport;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;

/**
 * A SIP flood: INVITEs with distinct Call-IDs, every other one with an SDP offer on its own address, and RTP to every
 * announced address. What the correlator holds stays within {@link CorrelatorConfig#maxOpenDialogs()} and
 * {@link CorrelatorConfig#maxOpenRecordings()}; the rest is counted and refused, and the heap it retains stays
 * bounded. Also the per-session bounds: offers of one BiB pair, metadata documents of one SIPREC session.
 */
class FloodTest {
    private static final Endpoint ATTACKER = Endpoint.parse("192.168.0.1", 9000);
    private static final Endpoint TARGET = Endpoint.parse("10.0.0.2", 5060);
    private final SipDecoder decoder = new SipDecoder(SipLimits.defaults());

    /** A real listener that keeps no audio: counts frames and completions only. */
    static final class CountingRecordings implements RecordingListener {
        long opened;
        long completed;
        long frames;

        @Override
        public RecordingSink open(String id, int channels, int sampleRate) {
            opened++;
            return new RecordingSink() {
                @Override
                public void write(short[] data, int frameOffset, int n) {
                    frames += n;
                }

                @Override
                public void complete(RecordingMetadata md) {
                    completed++;
                }
            };
        }
    }

    static String media(int i) {
        return "10." + (100 + (i >>> 16)) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF);
    }

    SipMessage invite(int i) {
        boolean sdp = i % 2 == 0;
        String body = !sdp ? "" : "v=0\r\no=- 1 1 IN IP4 " + media(i) + "\r\ns=-\r\nc=IN IP4 " + media(i)
                + "\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        String text = "INVITE sip:bob@10.0.0.2 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.0.1:5060;branch=z9hG4bK-f" + i + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:mallory@192.168.0.1>;tag=t" + i + "\r\n"
                + "To: <sip:bob@10.0.0.2>\r\n"
                + "Call-ID: flood-" + i + "@192.168.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:mallory@192.168.0.1:5060>\r\n"
                + (sdp ? "Content-Type: application/sdp\r\n" : "")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return ((SipParseResult.Parsed) decoder.decode(b, 0, b.length)).message();
    }

    private static byte[] rtp(int seq) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[7] = (byte) (seq * 160);
        p[6] = (byte) ((seq * 160) >>> 8);
        p[11] = 0x42;
        return p;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /**
     * 50 000 INVITEs at 100 000 a second against bounds of 20 000 dialogs and 2 000 recordings (the defaults are 5x
     * that; measured at the defaults with 200 000 INVITEs: 342 MiB retained, about 1.4 KiB per held call without
     * media plus 12 KiB per open recording). Decoding the INVITEs with the real parser takes most of the time.
     */
    @Test
    void a_flood_of_invites_with_rtp_is_held_within_the_configured_bounds() {
        CorrelatorConfig d = CorrelatorConfig.defaults();
        CorrelatorConfig config = new CorrelatorConfig(d.rtpTimeout(), d.signallingTimeout(), d.maxDuration(),
                d.byeGrace(), 20_000, d.mixer()).withBounds(2_000, 16, 32);
        CountingRecordings out = new CountingRecordings();
        CallCorrelator c = new CallCorrelator(config, out);
        long before = usedHeapAfterGc();
        long t0 = CallSim.T0;
        int n = 50_000;
        byte[] pkt = rtp(1);
        for (int i = 0; i < n; i++) {
            long t = t0 + i * 10_000L;                  // 100 000 INVITEs a second
            c.onSip(invite(i), ATTACKER, TARGET, Transport.UDP, t);
            if (i % 2 == 0) {
                c.onUdp(ATTACKER, Endpoint.parse(media(i), 4000), t + 1, pkt, 0, pkt.length);
            }
            if (i % 5_000 == 0) {
                c.onTick(t);
            }
        }
        long held = usedHeapAfterGc() - before;
        Map<String, Long> k = c.counters();

        assertEquals(config.maxOpenDialogs(), c.openDialogs());
        assertEquals(config.maxOpenDialogs(), c.openSessions());
        assertEquals(config.maxOpenRecordings(), c.openRecordings());
        assertEquals(config.maxOpenDialogs(), k.get("calls"));
        assertEquals(n - config.maxOpenDialogs(), k.get("dialogs-refused"));
        assertEquals(config.maxOpenRecordings(), k.get("recordings-opened"));
        // sessions with SDP among the held ones, beyond the open recordings: refused once each
        assertEquals(config.maxOpenDialogs() / 2 - config.maxOpenRecordings(), k.get("recordings-refused"));
        assertEquals(config.maxOpenDialogs() / 2 - config.maxOpenRecordings(), k.get("rtp-refused"));
        assertEquals(n / 2 - config.maxOpenDialogs() / 2, k.get("udp-unmatched"), "refused INVITEs bound nothing");
        // 20 000 calls x 3 KiB + 2 000 recordings x 24 KiB: about twice what was measured
        assertTrue(held < 20_000L * 3 * 1024 + 2_000L * 24 * 1024, "retained heap " + held / 1024 + " KiB");

        c.finishAll(t0 + n * 10_000L, "shutdown");
        assertEquals(config.maxOpenRecordings(), out.completed);
        assertEquals(0, c.openSessions());
        assertEquals(0, c.openDialogs());
        assertEquals(0, c.openRecordings());
    }

    @Test
    void a_recording_slot_freed_is_used_by_the_next_session_with_media() {
        CorrelatorConfig config = CorrelatorConfig.defaults().withBounds(2, 16, 32);
        CountingRecordings out = new CountingRecordings();
        CallCorrelator c = new CallCorrelator(config, out);
        long t0 = CallSim.T0;
        for (int i = 0; i < 6; i += 2) {
            c.onSip(invite(i), ATTACKER, TARGET, Transport.UDP, t0);
        }
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 6; i += 2) {
                byte[] p = rtp(s);
                c.onUdp(ATTACKER, Endpoint.parse(media(i), 4000), t0 + s * 20_000_000L, p, 0, p.length);
            }
        }
        assertEquals(2, c.openRecordings());
        assertEquals(1, c.counters().get("recordings-refused"), "counted once per session");
        assertEquals(3, c.counters().get("rtp-refused"));
        c.onTick(t0 + 31_000_000_000L);         // the two recordings time out (rtp-timeout 30 s)
        assertEquals(0, c.openRecordings());
        byte[] p = rtp(10);
        c.onUdp(ATTACKER, Endpoint.parse(media(4), 4000), t0 + 31_100_000_000L, p, 0, p.length);
        assertEquals(1, c.openRecordings(), "the refused session records once a slot is free");
        assertEquals(2, out.completed);
    }

    @Test
    void offers_of_one_bib_pair_are_bounded() {
        CorrelatorConfig config = CorrelatorConfig.defaults().withBounds(10_000, 4, 32);
        CallSim sim = new CallSim(config);
        for (int r = 0; r < 5; r++) {           // the same pair offered to five recorders: 10 dialogs
            String rec = "10.1.0." + (50 + r);
            SipFixtures fx = BibTest.pair(rec, "555", "556", "o" + r, 20000, 20000);
            sim.sip(r * 0.1, fx.message("invite-near"), BibTest.CUCM, BibTest.rec(rec))
                    .sip(r * 0.1 + 0.01, fx.message("invite-far"), BibTest.CUCM, BibTest.rec(rec));
        }
        sim.run(1);
        assertEquals(1, sim.counter("calls"));
        assertEquals(3, sim.counter("dialogs-joined"));
        assertEquals(6, sim.counter("offers-refused"));
        assertEquals(1, sim.correlator.openSessions());
    }

    @Test
    void metadata_documents_of_one_siprec_session_are_bounded() {
        SipFixtures fx = SiprecTest.fixtures("rs-flood@10.2.0.10", SiprecTest.SRS_A);
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        SiprecTest.setUp(sim, fx, "invite", "200", SiprecTest.SRS_A, 0);
        SiprecTest.media(sim, SiprecTest.SRS_A, 2, 0.2, 3.2);
        String template = new String(fx.bytes("reinvite-partial"), StandardCharsets.UTF_8);
        for (int i = 0; i < 40; i++) {          // 40 re-INVITEs, each with another metadata snapshot
            String text = template.replace("Carol Expert", String.format("Carol Ex%04d", i))
                    .replace("CSeq: 2 INVITE", "CSeq: " + (10 + i) + " INVITE");
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            SipMessage m = ((SipParseResult.Parsed) decoder.decode(b, 0, b.length)).message();
            sim.sip(1.0 + i * 0.01, m, SiprecTest.SRC, SiprecTest.srs(SiprecTest.SRS_A));
        }
        SiprecTest.tearDown(sim, fx, SiprecTest.SRS_A, 3.3);
        sim.run(6);

        RecordingMetadata md = sim.recordings.only().metadata;
        assertEquals(32, md.siprec().metadataXml().size(), "the INVITE's document and the first 31 updates");
        assertTrue(md.siprec().metadataXml().get(31).contains("Carol Ex0030"));
        assertEquals(9, sim.counter("siprec-metadata-not-kept"));
    }
}
