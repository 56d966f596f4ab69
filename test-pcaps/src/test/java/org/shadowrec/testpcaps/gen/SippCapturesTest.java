package org.shadowrec.testpcaps.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.testpcaps.ExpectedResult;
import org.shadowrec.testpcaps.TestPcaps;
import org.shadowrec.testpcaps.Tones;
import org.shadowrec.testpcaps.cli.GenerateMain;

/**
 * The SIPp captures (every {@code test-pcaps/<name>/} with an expected.yaml that is not in the generator's
 * {@link Catalog}: BiB and SIPREC, made by {@code test-pcaps/sipp/make-captures.py}) agree with their expected.yaml:
 * frames, RTP streams (SSRC, addresses, packets, first sequence number and timestamp, tone), the dialogs named, the
 * BiB From parameters, the SIPREC metadata, the recorder attempts, and tshark's own stream table when tshark is
 * installed. A broken or hand-edited capture fails here.
 */
class SippCapturesTest {

    static Stream<String> names() throws IOException {
        Set<String> generated = new TreeSet<>();
        Catalog.entries().forEach(e -> generated.add(e.name()));
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(TestPcaps.dir())) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("expected.yaml")))
                    .map(d -> d.getFileName().toString()).filter(n -> !generated.contains(n)).sorted()
                    .forEach(out::add);
        }
        return out.stream();
    }

    @Test
    void everySippCaptureIsFound() throws IOException {
        List<String> found = names().toList();
        for (String name : List.of("bib-pair", "bib-hold-resume", "siprec-rfc7865-tcp", "siprec-udp-fragmented",
                "siprec-broadworks", "siprec-acme", "siprec-audiocodes", "siprec-metadata-update",
                "siprec-three-participants", "siprec-cube-nbr", "siprec-srs-failover", "bib-primary-killed",
                "siprec-primary-killed", "bib-rtp-loss")) {
            assertTrue(found.contains(name), name + " in " + found);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void captureAgreesWithExpectedYaml(String name) throws Exception {
        Path dir = TestPcaps.capture(name);
        ExpectedResult expected = ExpectedResult.load(dir.resolve("expected.yaml"));
        CaptureFile file = CaptureFile.read(dir.resolve(expected.capture()));
        assertEquals(expected.format(), file.format, "file format");
        assertEquals(expected.packets(), file.records.size(), "frames");
        CaptureContent c = CaptureContent.of(file);
        assertFalse(expected.recordings().isEmpty(), "recordings");

        int streams = 0;
        for (ExpectedResult.Recording rec : expected.recordings()) {
            assertNotNull(rec.kind(), "kind");
            for (ExpectedResult.Channel ch : rec.channels()) {
                for (ExpectedResult.Stream s : ch.streams()) {
                    checkStream(c, rec, ch, s);
                    streams++;
                }
            }
            checkSip(c, rec);
            if (rec.primaryRecorder() != null) {
                checkPrimaryRecorder(c, rec);
            }
            for (ExpectedResult.Related r : rec.related()) {
                assertTrue(r.recording() >= 0 && r.recording() < expected.recordings().size(), "related index");
            }
        }
        assertEquals(streams, c.rtp.size(), "RTP streams in the capture = streams in expected.yaml");
        checkTshark(dir.resolve(expected.capture()), expected, streams);
    }

    private static void checkStream(CaptureContent c, ExpectedResult.Recording rec, ExpectedResult.Channel ch,
                                    ExpectedResult.Stream s) {
        List<CaptureContent.Rtp> packets = c.rtp.get(s.ssrcValue());
        assertNotNull(packets, "stream " + s.ssrc());
        Set<Integer> seqs = new TreeSet<>();
        for (CaptureContent.Rtp p : packets) {
            seqs.add(p.seq());
            assertEquals(s.src(), p.src(), "src of " + s.ssrc());
            assertEquals(s.dst(), p.dst(), "dst of " + s.ssrc());
            assertEquals(s.payloadType(), p.pt(), "payload type");
        }
        assertEquals(s.packets(), seqs.size(), "distinct packets of " + s.ssrc());
        assertEquals(s.packets() + s.duplicates(), packets.size(), "packets + duplicates of " + s.ssrc());
        CaptureContent.Rtp first = packets.get(0);
        assertEquals(s.firstSeq(), first.seq(), "first sequence number");
        assertEquals(s.firstTimestamp(), first.ts(), "first timestamp");
        assertTrue(first.marker(), "marker on the first packet");
        short[] pcm = new short[packets.size() * 160];
        for (int i = 0; i < packets.size(); i++) {
            byte[] payload = packets.get(i).payload();
            assertEquals(160, payload.length, "20 ms of G.711");
            for (int j = 0; j < 160; j++) {
                pcm[i * 160 + j] = Codec.valueOf(s.codec()).decode(payload[j]);
            }
        }
        assertEquals(ch.toneHz(), Tones.dominantHz(pcm, 8000, 0, 8000), 10, "tone of channel " + ch.index());
        assertEquals(rec.audioSeconds(), (s.packets() + s.lost()) * 0.020, 1e-9, "audioSeconds = packets sent x 20 ms");
    }

    private static void checkSip(CaptureContent c, ExpectedResult.Recording rec) {
        List<CaptureContent.Sip> invites = new ArrayList<>();
        for (String callId : rec.allCallIds()) {
            List<CaptureContent.Sip> dialog = c.sip.stream().filter(m -> callId.equals(m.headers().get("call-id")))
                    .toList();
            assertFalse(dialog.isEmpty(), "messages of " + callId);
            CaptureContent.Sip invite = dialog.stream().filter(m -> m.startLine().startsWith("INVITE "))
                    .findFirst().orElseThrow();
            invites.add(invite);
            assertTrue(dialog.stream().anyMatch(m -> m.startLine().startsWith("BYE ")), "BYE in " + callId);
            assertTrue(invite.headers().get("via").startsWith("SIP/2.0/" + rec.sipTransport()), "Via transport");
            for (CaptureContent.Sip m : dialog) {
                assertEquals(m.declaredLength(), m.body().length(), "Content-Length of " + m.startLine());
            }
        }
        CaptureContent.Sip first = invites.get(0);
        assertTrue(first.headers().get("from").endsWith(";tag=" + rec.fromTag()), first.headers().get("from"));
        assertTrue(c.sip.stream().anyMatch(m -> m.startLine().startsWith("SIP/2.0 200")
                && rec.callId().equals(m.headers().get("call-id"))
                && m.headers().get("to").endsWith(";tag=" + rec.toTag())), "200 OK with the To tag");

        switch (rec.kindOrSip()) {
            case "bib" -> {
                ExpectedResult.Bib bib = rec.bib();
                assertNotNull(bib, "bib facts");
                assertEquals(2, invites.size(), "a BiB recording is two dialogs");
                for (int i = 0; i < 2; i++) {
                    String from = invites.get(i).headers().get("from");
                    assertTrue(from.contains(i == 0 ? ";x-nearend;" : ";x-farend;"), from);
                    assertTrue(from.contains(";x-refci=" + bib.refci() + ";"), from);
                    assertTrue(from.contains(";x-farendrefci=" + bib.farendRefci() + ";"), from);
                    assertTrue(from.contains(";x-nearendclusterid=" + bib.clusterId() + ";"), from);
                    assertTrue(from.contains(";x-nearenddevice=" + bib.nearEnd().device() + ";"), from);
                    assertTrue(from.contains(";x-farenddevice=" + bib.farEnd().device() + ";"), from);
                    assertTrue(from.contains(";x-farendaddr=" + bib.farEnd().addr() + ">"), from);
                    assertEquals(0, invites.get(i).declaredLength(), "delayed offer: no SDP in the INVITE");
                }
                assertEquals(bib.nearEnd().device(), rec.channel(0).party().device());
                assertEquals(bib.farEnd().device(), rec.channel(1).party().device());
            }
            case "siprec" -> {
                ExpectedResult.Siprec s = rec.siprec();
                assertNotNull(s, "siprec facts");
                assertEquals(rec.channels().size(), s.participants().size(), "a participant per channel");
                if (s.dialect().equals("cube-nbr")) {
                    for (int i = 0; i < s.participants().size(); i++) {
                        assertTrue(first.headers().containsKey("x-cisco-recording-participant"), "NBR header");
                        assertEquals(s.participants().get(i).aor(), rec.channel(i).party().aor());
                    }
                } else {
                    assertEquals("siprec", first.headers().get("require"), "Require: siprec");
                    assertTrue(first.headers().get("contact").contains("+sip.src"), "Contact +sip.src");
                    assertTrue(first.headers().get("content-type").startsWith("multipart/mixed"), "multipart");
                    assertTrue(first.body().contains("application/rs-metadata+xml"), "metadata part");
                    assertTrue(first.body().contains(s.sessionId()), "session id in the metadata");
                    assertEquals(s.participants().size(), first.body().split("a=label:", -1).length - 1,
                            "a labelled m-line per participant");
                    for (int i = 0; i < s.participants().size(); i++) {
                        ExpectedResult.Participant p = s.participants().get(i);
                        assertTrue(first.body().contains(p.aor()), p.aor());
                        assertEquals(p.aor(), rec.channel(i).party().aor());
                        assertEquals(p.name(), rec.channel(i).party().name());
                        if (p.name() != null) {
                            boolean named = c.sip.stream().filter(m -> m.startLine().startsWith("INVITE "))
                                    .anyMatch(m -> m.body().contains(">" + p.name() + "</name>"));
                            assertTrue(named, "name " + p.name() + " in an INVITE's metadata");
                        }
                    }
                }
            }
            default -> { }
        }
        for (ExpectedResult.Attempt a : rec.attempts()) {
            String host = a.recorder().substring(0, a.recorder().lastIndexOf(':'));
            long sent = c.sip.stream().filter(m -> m.startLine().startsWith("INVITE sip:srs@" + host + ":"))
                    .filter(m -> a.callId().equals(m.headers().get("call-id"))).count();
            assertEquals(a.invites(), sent, "INVITEs to " + a.recorder());
            boolean answered = c.sip.stream().anyMatch(m -> m.startLine().startsWith("SIP/2.0 200")
                    && m.headers().get("cseq").endsWith("INVITE") && m.headers().get("contact") != null
                    && m.headers().get("contact").contains("@" + host + ":"));
            assertEquals(a.answered(), answered, "answered by " + a.recorder());
        }
    }

    /**
     * The ICMP port unreachable errors (RFC 792 type 3 code 3) come from the recorder's host, as many as
     * expected.yaml says, those quoting RTP to its media ports as many as it says; after the kill only (the first at
     * {@code firstIcmp}), with at least 3 s of RTP after the kill; none when the recorder was not killed.
     */
    private static void checkPrimaryRecorder(CaptureContent c, ExpectedResult.Recording rec) {
        ExpectedResult.PrimaryRecorder p = rec.primaryRecorder();
        String host = p.address().substring(0, p.address().lastIndexOf(':'));
        List<CaptureContent.Icmp> unreachable = c.icmp.stream().filter(i -> i.type() == 3 && i.code() == 3).toList();
        assertEquals(c.icmp.size(), unreachable.size(), "only port unreachable errors");
        assertTrue(unreachable.stream().allMatch(i -> i.src().equals(host)), "from the recorder " + host);
        assertEquals(p.icmpUnreachable(), unreachable.size(), "ICMP port unreachable");
        assertEquals(p.icmpUnreachableMedia(), unreachable.stream().filter(i -> !i.quotedDst().equals(p.address()))
                .count(), "ICMP port unreachable quoting RTP");
        assertTrue(unreachable.stream().allMatch(i -> i.quotedDst().startsWith(host + ":")), "quoting " + host);
        if (p.killedAt() == null) {
            assertFalse(p.failed(), "not killed, not failed");
            assertEquals(0, unreachable.size(), "no ICMP while the recorder lives");
            return;
        }
        long killed = nanos(p.killedInstant());
        assertEquals(nanos(p.firstIcmpInstant()), unreachable.get(0).nanos(), "firstIcmp");
        assertTrue(unreachable.get(0).nanos() > killed, "no ICMP before the kill");
        long lastRtp = c.rtp.values().stream().mapToLong(l -> l.get(l.size() - 1).nanos()).max().orElseThrow();
        assertTrue(lastRtp - killed >= 3_000_000_000L, "3 s of RTP after the kill");
    }

    private static long nanos(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static final Pattern TSHARK_STREAM = Pattern.compile(
            "\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(0x[0-9A-Fa-f]+)\\s+\\S+\\s+(\\d+)\\s+(-?\\d+)");

    /** tshark's {@code rtp,streams} table: one line per expected stream, with its packet count and no loss. */
    private static void checkTshark(Path capture, ExpectedResult expected, int streams) throws Exception {
        String table = GenerateMain.tshark(capture, "rtp,streams");
        if (table == null) {
            return;
        }
        Map<Long, String[]> rows = new HashMap<>();
        for (String line : table.split("\n")) {
            Matcher m = TSHARK_STREAM.matcher(line);
            if (m.lookingAt()) {
                rows.put(Long.parseLong(m.group(5).substring(2), 16), new String[] {m.group(1) + ":" + m.group(2),
                        m.group(3) + ":" + m.group(4), m.group(6), m.group(7)});
            }
        }
        assertEquals(streams, rows.size(), "tshark's streams:\n" + table);
        for (ExpectedResult.Recording rec : expected.recordings()) {
            for (ExpectedResult.Channel ch : rec.channels()) {
                for (ExpectedResult.Stream s : ch.streams()) {
                    String[] row = rows.get(s.ssrcValue());
                    assertNotNull(row, "tshark sees " + s.ssrc());
                    assertEquals(s.src(), row[0]);
                    assertEquals(s.dst(), row[1]);
                    assertEquals(s.packets() + s.duplicates(), Integer.parseInt(row[2]), "tshark Pkts");
                    assertEquals(s.lost() - s.duplicates(), Integer.parseInt(row[3]), "tshark Lost");
                }
            }
        }
    }
}
