package org.shadowrec.testpcaps.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.testpcaps.ExpectedResult;
import org.shadowrec.testpcaps.TestPcaps;
import org.shadowrec.testpcaps.Tones;

/**
 * Decodes every committed capture with a reader and decoder written independently of the generator, and checks the
 * bytes agree with expected.yaml: checksums, SIP framing and identity, RTP counts, tones, levels and DTMF.
 */
class CapturesMatchExpectedTest {

    static Stream<String> names() {
        return Catalog.entries().stream().map(Catalog.Entry::name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void captureAgreesWithExpectedYaml(String name) throws Exception {
        Path dir = TestPcaps.capture(name);
        ExpectedResult expected = ExpectedResult.load(dir.resolve("expected.yaml"));
        CaptureOptions options = Catalog.find(name).orElseThrow().options();
        CaptureFile file = CaptureFile.read(dir.resolve(expected.capture()));

        assertEquals(expected.format(), file.format, "file format as read back");
        assertEquals(expected.packets(), file.records.size(), "frames");
        assertEquals(CaptureGenerator.expectedPackets(options), file.records.size(), "frames by formula");
        for (int i = 1; i < file.records.size(); i++) {
            assertTrue(file.records.get(i).nanos() >= file.records.get(i - 1).nanos(), "time order at " + i);
        }
        CaptureContent c = CaptureContent.of(file);
        assertEquals(0, c.checksumFailures, "IP/UDP/TCP checksum failures");
        int[] vlans = options.vlans().stream().mapToInt(Integer::intValue).toArray();
        c.vlans.forEach(v -> assertArrayEquals(vlans, v, "VLAN tags"));
        if (options.fragmentInvite() != Fragmentation.NONE) {
            assertEquals(2, c.fragments, "INVITE fragments");
        }
        if (options.sipTransport() == SipTransport.TCP) {
            assertEquals(19, c.tcpSegments, "TCP segments: handshake, data, acks, retransmission, FINs");
        }

        String expert = org.shadowrec.testpcaps.cli.GenerateMain.tshark(dir.resolve(expected.capture()),
                "expert,warn");
        if (expert != null) {
            assertTrue(!expert.contains("Errors (") && !expert.contains("Warns ("), "tshark expert info:\n" + expert);
        }

        ExpectedResult.Recording rec = expected.single();
        checkSip(c, rec, options);
        for (ExpectedResult.Channel ch : rec.channels()) {
            checkStream(c, ch, options, rec);
        }
        Instant invite = Instant.parse(rec.inviteTime());
        assertTrue(!invite.isBefore(options.start()) && invite.isBefore(options.start().plusMillis(2)),
                "INVITE at the start instant: " + invite);
        if (options.sipTransport() == SipTransport.UDP && options.fragmentInvite() == Fragmentation.NONE) {
            assertEquals(invite, instant(c.sip.get(0).nanos()), "inviteTime");
            assertEquals(Instant.parse(rec.byeTime()), instant(c.sip.get(5).nanos()), "byeTime");
        }
    }

    private static void checkSip(CaptureContent c, ExpectedResult.Recording rec, CaptureOptions o) {
        List<String> starts = new ArrayList<>();
        for (CaptureContent.Sip m : c.sip) {
            assertEquals(m.declaredLength(), m.body().length(), "Content-Length of " + m.startLine());
            assertEquals(rec.callId(), m.headers().get("call-id"));
            assertTrue(m.headers().get("from").endsWith(";tag=" + rec.fromTag()), m.headers().get("from"));
            assertTrue(m.headers().get("via").contains(";branch=z9hG4bK"), "Via branch");
            assertTrue(m.headers().get("via").startsWith("SIP/2.0/" + o.sipTransport()), "Via transport");
            assertTrue(m.headers().containsKey("cseq") && m.headers().containsKey("user-agent"));
            if (!m.startLine().startsWith("SIP/2.0 100")) {
                String to = m.headers().get("to");
                boolean tagged = !m.startLine().startsWith("INVITE");
                assertEquals(tagged, to.endsWith(";tag=" + rec.toTag()), "To tag in " + m.startLine());
            }
            if (m.startLine().startsWith("INVITE") || m.startLine().startsWith("ACK")
                    || m.startLine().startsWith("BYE")) {
                assertEquals("70", m.headers().get("max-forwards"));
            }
            String[] parts = m.startLine().split(" ");
            starts.add(parts[0].equals("SIP/2.0") ? parts[1] : parts[0]);
        }
        List<String> expectedStarts = new ArrayList<>(List.of("INVITE", "100", "180", "200", "ACK", "BYE", "200"));
        if (o.sipTransport() == SipTransport.TCP) {
            expectedStarts.sort(Comparator.naturalOrder());
            starts.sort(Comparator.naturalOrder());
        }
        assertEquals(expectedStarts, starts, "SIP messages in order");
        CaptureContent.Sip invite = c.sip.stream().filter(m -> m.startLine().startsWith("INVITE")).findFirst()
                .orElseThrow();
        assertTrue(invite.body().contains("m=audio " + port(rec.channel(0).streams().get(0).src()) + " RTP/AVP "
                + rec.channel(0).streams().get(0).payloadType() + " 101"), invite.body());
        assertTrue(invite.body().contains("a=sendrecv") && invite.body().contains("a=ptime:20"));
        assertTrue(invite.startLine().startsWith("INVITE sip:" + rec.channel(1).party().number() + "@"));
        if (o.fragmentInvite() != Fragmentation.NONE) {
            assertEquals(SipCall.PADDED_INVITE_BYTES, invite.size(), "padded INVITE size");
        }
    }

    private static void checkStream(CaptureContent c, ExpectedResult.Channel ch, CaptureOptions o,
                                    ExpectedResult.Recording rec) throws Exception {
        ExpectedResult.Stream s = ch.streams().get(0);
        List<CaptureContent.Rtp> packets = c.rtp.get(s.ssrcValue());
        assertTrue(packets != null, "stream " + s.ssrc() + " present");
        Set<Integer> seqs = new TreeSet<>();
        for (CaptureContent.Rtp p : packets) {
            seqs.add(p.seq());
            assertEquals(normalise(s.src()), p.src(), "src");
            assertEquals(normalise(s.dst()), p.dst(), "dst");
        }
        assertEquals(s.packets(), seqs.size(), "distinct packets");
        assertEquals(s.duplicates(), packets.size() - seqs.size(), "duplicates");
        int span = ((packets.stream().mapToInt(p -> (p.seq() - s.firstSeq()) & 0xFFFF).max().orElseThrow()) + 1);
        assertEquals(s.lost(), span - seqs.size(), "lost");
        int reordered = 0;
        for (int i = 1; i < packets.size(); i++) {
            int d = (packets.get(i).seq() - packets.get(i - 1).seq()) & 0xFFFF;
            if (d > 0x8000) {
                reordered++;
            }
        }
        assertEquals(s.reordered(), reordered, "reordered pairs");
        assertEquals(Instant.parse(s.firstSeen()), instant(packets.get(0).nanos()), "firstSeen");
        assertEquals(Instant.parse(s.lastSeen()), instant(packets.get(packets.size() - 1).nanos()), "lastSeen");
        assertEquals(rec.audioSeconds(), (span) * 0.020, 1e-9, "audioSeconds = packets sent x 20 ms");

        TreeMap<Integer, CaptureContent.Rtp> bySeq = new TreeMap<>();
        packets.forEach(p -> bySeq.putIfAbsent((p.seq() - s.firstSeq()) & 0xFFFF, p));
        CaptureContent.Rtp first = bySeq.firstEntry().getValue();
        assertEquals(s.firstTimestamp(), first.ts(), "first timestamp");
        assertTrue(first.marker(), "marker on the first packet");
        Codec codec = Codec.valueOf(s.codec());
        short[] pcm = new short[(span) * 160];
        for (Map.Entry<Integer, CaptureContent.Rtp> e : bySeq.entrySet()) {
            CaptureContent.Rtp p = e.getValue();
            if (p.pt() == s.payloadType()) {
                assertEquals(160, p.payload().length);
                assertEquals((s.firstTimestamp() + 160L * e.getKey()) & 0xFFFF_FFFFL, p.ts(), "timestamp step");
                for (int i = 0; i < 160; i++) {
                    pcm[e.getKey() * 160 + i] = codec.decode(p.payload()[i]);
                }
            }
        }
        int second = 8000;
        assertEquals(ch.toneHz(), Tones.dominantHz(pcm, 8000, 0, second), 10, "tone of channel " + ch.index());
        assertEquals(-10.0, Tones.rmsDbfs(pcm, 0, second), 0.5, "level of channel " + ch.index());

        List<ExpectedResult.Dtmf> digits = rec.dtmf().stream().filter(d -> d.channel() == ch.index()).toList();
        Map<Long, List<CaptureContent.Rtp>> events = new TreeMap<>();
        packets.stream().filter(p -> p.pt() == 101).forEach(p -> events.computeIfAbsent(p.ts(),
                k -> new ArrayList<>()).add(p));
        assertEquals(digits.size(), events.size(), "telephone events");
        for (ExpectedResult.Dtmf d : digits) {
            List<CaptureContent.Rtp> ev = events.get(d.rtpTimestamp());
            assertTrue(ev != null, "event at " + d.rtpTimestamp());
            assertTrue(ev.get(0).marker(), "marker on the event's first packet");
            long ends = ev.stream().filter(p -> (p.payload()[1] & 0x80) != 0).count();
            assertEquals(3, ends, "end packet sent three times");
            for (CaptureContent.Rtp p : ev) {
                assertEquals(d.event(), p.payload()[0], "event code");
            }
            CaptureContent.Rtp last = ev.get(ev.size() - 1);
            int duration = ((last.payload()[2] & 0xFF) << 8) | (last.payload()[3] & 0xFF);
            assertEquals(d.durationMs(), duration / 8, "duration");
            assertEquals(d.offsetSeconds(), ((d.rtpTimestamp() - s.firstTimestamp()) & 0xFFFF_FFFFL) / 8000.0, 1e-9);
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static String normalise(String hostPort) throws Exception {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return InetAddress.getByName(host).getHostAddress() + ":" + hostPort.substring(colon + 1);
    }
}
