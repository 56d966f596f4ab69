package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.testpcaps.ExpectedResult;
import org.shadowrec.testpcaps.TestPcaps;
import org.shadowrec.testpcaps.Tones;
import org.shadowrec.testpcaps.Wav;

/**
 * Every capture the project made ({@code test-pcaps/<name>/}) replayed through the real pipeline — file source,
 * journal, frame decoding, SIP, correlation, RTP, WAV + JSON — and checked against its {@code expected.yaml}:
 * recordings, kind, end reason, tone per channel (hence the channel order), duration within ±20 ms of the RTP sent,
 * parties, and per stream the SSRC, addresses, codec and the packet, loss and duplicate counts that were injected.
 * For Cisco BiB and SIPREC captures also: every Call-ID of the recording, the {@code bib} block, the {@code siprec}
 * session id, dialect and participants per channel, the recorders offered the recording (failover) and the
 * {@code related} recordings. For the captures made to test primary-recorder failure ({@code primaryRecorder} in
 * expected.yaml: a recorder killed mid-call, or one that stayed up while RTP was lost) also what
 * {@code primaryRecorder} says, the ICMP count, and that the recording goes on after the kill to the last RTP packet.
 */
class ProjectCapturesTest {
    private static final double DURATION_TOLERANCE_SECONDS = 0.020;
    /** The SIPp captures' tones peak at -10 dBFS, about -13 dBFS RMS: a 20 ms block below this lost its audio. */
    private static final double SILENT_BLOCK_DBFS = -20.0;
    /** The captures whose {@code primaryRecorder} says whether the primary recorder failed (test-pcaps/README.md). */
    private static final List<String> RECORDER_FAILURE_CAPTURES =
            List.of("bib-primary-killed", "siprec-primary-killed", "bib-rtp-loss");

    @TempDir
    Path tmp;

    static Stream<String> captures() throws Exception {
        try (Stream<Path> dirs = Files.list(TestPcaps.dir())) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("expected.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertTrue(names.size() >= 7, "test-pcaps holds the captures: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void replay_matches_expected_result(String name) throws Exception {
        Path dir = TestPcaps.dir().resolve(name);
        ExpectedResult expected = ExpectedResult.load(dir.resolve("expected.yaml"));
        Path out = Files.createDirectories(tmp.resolve("out"));

        RunResult result = Replays.replay(out, tmp, dir.resolve(expected.capture()));

        assertEquals(expected.packets(), result.frames(), "frames read");
        assertEquals(List.of(), result.problems(), "problems");
        assertEquals(0L, result.counters().getOrDefault("decode.decoder-bug", 0L), "decoder bugs");
        List<Path> recordings = Replays.recordings(out);
        assertEquals(expected.recordings().size(), recordings.size(), "recordings in " + out);
        List<JsonNode> docs = new ArrayList<>();
        recordings.forEach(r -> docs.add(Replays.json(r)));
        List<String> ids = new ArrayList<>();
        for (ExpectedResult.Recording want : expected.recordings()) {
            int i = indexOfCall(docs, want.callId());
            assertTrue(i >= 0, "a recording for Call-ID " + want.callId());
            ids.add(docs.get(i).path("id").asText());
        }
        for (ExpectedResult.Recording want : expected.recordings()) {
            int i = indexOfCall(docs, want.callId());
            Wav wav = Wav.read(recordings.get(i).resolve("audio.wav"));
            check(want, docs.get(i), wav);
            checkRecordingFacts(want, docs.get(i), ids);
            if (want.primaryRecorder() != null) {
                checkPrimaryRecorder(want, docs.get(i), wav);
            }
        }
    }

    /** The recorder-failure captures are there, each saying what its primary recorder did. */
    @Test
    void recorder_failure_captures_are_present() {
        for (String name : RECORDER_FAILURE_CAPTURES) {
            ExpectedResult.Recording want = ExpectedResult.load(TestPcaps.dir().resolve(name).resolve("expected.yaml"))
                    .single();
            ExpectedResult.PrimaryRecorder p = want.primaryRecorder();
            assertNotNull(p, name + ": primaryRecorder in expected.yaml");
            boolean killed = name.endsWith("-killed");
            assertEquals(killed, p.failed(), name + " failed");
            assertEquals(killed, p.killedAt() != null, name + " killedAt");
            assertEquals(killed ? "bye-unanswered" : "bye", want.endReason(), name + " endReason");
            assertEquals(killed, p.icmpUnreachable() > 0, name + " ICMP unreachable");
            if (killed) {
                assertTrue(p.firstIcmpInstant().isAfter(p.killedInstant()), name + ": no ICMP before the kill");
                assertTrue(Duration.between(p.killedInstant(), lastRtp(want)).toMillis() >= 3000,
                        name + ": at least 3 s of media after the kill");
            } else {
                assertTrue(want.channels().stream().flatMap(c -> c.streams().stream()).mapToInt(
                        ExpectedResult.Stream::lost).sum() > 0, name + ": RTP packets lost");
            }
        }
    }

    /**
     * recording.json's {@code primaryRecorder} and the recorder's ICMP count as expected.yaml says. When the recorder
     * was killed: {@code failedAt} is at or after the kill and at most 1 s later, and the recording went on: from the
     * kill to its end every channel holds its tone in every 20 ms, and it ends with the last RTP packet sent.
     */
    private static void checkPrimaryRecorder(ExpectedResult.Recording want, JsonNode doc, Wav wav) {
        ExpectedResult.PrimaryRecorder p = want.primaryRecorder();
        JsonNode pr = doc.path("primaryRecorder");
        assertEquals(p.address(), text(pr, "address"), "primaryRecorder.address: " + pr);
        assertEquals(p.failed(), pr.path("failed").asBoolean(), "primaryRecorder.failed: " + pr);
        List<String> evidence = new ArrayList<>();
        pr.path("evidence").forEach(e -> evidence.add(e.asText()));
        if (!p.failed()) {
            assertEquals(List.of(), evidence, "no evidence when nothing failed: " + pr);
            assertEquals(null, text(pr, "failedAt"), "no failedAt when nothing failed: " + pr);
        } else {
            assertTrue(evidence.containsAll(p.evidence()), "evidence " + evidence + " holds " + p.evidence());
        }
        JsonNode recorder = doc.path("recorders").path(0);
        assertEquals(p.address(), text(recorder, "address"), "recorders[0]: " + doc.path("recorders"));
        // every ICMP error quoting RTP to the recorder's media ports counts; docs/correlator.md leaves open whether
        // those quoting a BYE to its (answered) SIP address do, so the count may lie between the two
        int icmp = recorder.path("icmpUnreachable").asInt();
        assertTrue(icmp >= p.icmpUnreachableMedia() && icmp <= p.icmpUnreachable(), "recorders[0].icmpUnreachable "
                + icmp + " in [" + p.icmpUnreachableMedia() + ", " + p.icmpUnreachable() + "]");
        assertTrue(recorder.path("answered").asBoolean(), "the primary recorder answered before it died: " + recorder);
        if (p.killedAt() == null) {
            return;
        }
        Instant killed = p.killedInstant();
        Instant failedAt = Instant.parse(text(pr, "failedAt"));
        // recording.json's times may have millisecond resolution
        assertFalse(failedAt.isBefore(killed.truncatedTo(ChronoUnit.MILLIS)),
                "failedAt " + failedAt + " not before the kill " + killed);
        assertTrue(Duration.between(killed, failedAt).compareTo(Duration.ofSeconds(1)) <= 0,
                "failedAt " + failedAt + " within 1 s of the kill " + killed);

        Instant start = Instant.parse(text(doc, "start"));
        Instant end = start.plusNanos(Math.round(wav.seconds() * 1e9));
        Instant lastRtpEnd = lastRtp(want).plusMillis(20);
        assertEquals(0, Duration.between(lastRtpEnd, end).toNanos() / 1e9, DURATION_TOLERANCE_SECONDS,
                "the recording ends with the last RTP packet: " + end + " vs " + lastRtpEnd);
        int from = sampleAt(start, killed, wav.rate());
        for (ExpectedResult.Channel ch : want.channels()) {
            short[] samples = wav.samples()[ch.index()];
            // to this channel's last packet (the streams of a BiB pair start and end about 100 ms apart)
            Instant last = ch.streams().stream().map(ExpectedResult.Stream::lastSeenInstant).max(Instant::compareTo)
                    .orElseThrow();
            int to = Math.min(samples.length, sampleAt(start, last, wav.rate()));
            assertTrue(to - from >= 3 * wav.rate(), "at least 3 s recorded after the kill: " + (to - from));
            assertEquals(ch.toneHz(), Tones.dominantHz(samples, wav.rate(), from, to), 10,
                    "tone of channel " + ch.index() + " after the kill");
            for (int b = from; b + 160 <= to; b += 160) {
                double level = Tones.rmsDbfs(samples, b, b + 160);
                assertTrue(level > SILENT_BLOCK_DBFS, "channel " + ch.index() + " at "
                        + start.plusNanos(b * 1_000_000_000L / wav.rate()) + " after the kill: " + level + " dBFS");
            }
        }
    }

    /** Index of the sample recorded at {@code t} in a WAV starting at {@code start}. */
    private static int sampleAt(Instant start, Instant t, int rate) {
        return (int) (Duration.between(start, t).toNanos() * rate / 1_000_000_000L);
    }

    private static Instant lastRtp(ExpectedResult.Recording want) {
        return want.channels().stream().flatMap(c -> c.streams().stream()).map(ExpectedResult.Stream::lastSeenInstant)
                .max(Instant::compareTo).orElseThrow();
    }

    private static int indexOfCall(List<JsonNode> docs, String callId) {
        for (int i = 0; i < docs.size(); i++) {
            for (JsonNode c : docs.get(i).path("sip").path("callIds")) {
                if (c.asText().equals(callId)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static void check(ExpectedResult.Recording want, JsonNode doc, Wav wav) {
        assertEquals(1, doc.path("schema").asInt());
        assertEquals(want.kindOrSip(), doc.path("kind").asText(), "kind");
        assertEquals(want.endReason(), doc.path("endReason").asText(), "endReason");
        assertEquals(want.channels().size(), wav.channels(), "channels");
        assertEquals(want.channels().size(), doc.path("channels").size(), "channels in recording.json");
        assertEquals(8000, wav.rate(), "rate");
        double seconds = expectedSeconds(want);
        assertEquals(seconds, wav.seconds(), DURATION_TOLERANCE_SECONDS, "WAV duration");
        assertEquals(seconds, doc.path("durationSeconds").asDouble(), DURATION_TOLERANCE_SECONDS,
                "durationSeconds");
        assertTrue(doc.path("start").asText().endsWith("Z"), doc.toString());
        // a plain call has no recorder; a BiB or SIPREC session names the one it was first offered to
        assertEquals(!"sip".equals(want.kindOrSip()), doc.has("primaryRecorder"), "primaryRecorder");
        for (ExpectedResult.Channel ch : want.channels()) {
            short[] samples = wav.samples()[ch.index()];
            int hz = Tones.dominantHz(samples, wav.rate());
            assertEquals(ch.toneHz(), hz, 10, "tone of channel " + ch.index());
            JsonNode jc = doc.path("channels").path(ch.index());
            assertEquals(ch.index(), jc.path("index").asInt());
            if (ch.party() != null) {
                JsonNode party = jc.path("party");
                assertEquals(ch.party().number(), text(party, "number"), "party number of channel " + ch.index());
                assertEquals(ch.party().aor(), text(party, "aor"), "party aor of channel " + ch.index());
                assertEquals(ch.party().name(), text(party, "name"), "party name of channel " + ch.index());
                if (ch.party().device() != null || !"sip".equals(want.kindOrSip())) {
                    assertEquals(ch.party().device(), text(party, "device"), "party device of channel " + ch.index());
                }
            }
            assertEquals(ch.streams().size(), jc.path("streams").size(), "streams of channel " + ch.index());
            for (ExpectedResult.Stream ws : ch.streams()) {
                JsonNode s = stream(jc, ws.ssrc());
                assertNotNull(s, "stream " + ws.ssrc() + " on channel " + ch.index() + ": " + jc);
                assertEquals(ws.src(), s.path("src").asText(), "src");
                assertEquals(ws.dst(), s.path("dst").asText(), "dst");
                assertEquals(ws.codec(), s.path("codec").asText(), "codec");
                assertTrue(s.path("decoded").asBoolean(), "decoded");
                assertEquals(ws.packets(), s.path("packets").asInt(), "packets of " + ws.ssrc());
                assertEquals(ws.lost(), s.path("lost").asInt(), "lost of " + ws.ssrc());
                assertEquals(ws.duplicates(), s.path("duplicates").asInt(), "duplicates of " + ws.ssrc());
                assertEquals(0, s.path("late").asInt(), "late of " + ws.ssrc());
            }
        }
        List<String> digits = new ArrayList<>();
        for (JsonNode ch : doc.path("channels")) {
            for (JsonNode s : ch.path("streams")) {
                for (JsonNode d : s.path("dtmf")) {
                    digits.add(d.path("digit").asText());
                }
            }
        }
        assertEquals(want.dtmf().stream().map(ExpectedResult.Dtmf::digit).toList(), digits, "DTMF digits");
    }

    /**
     * The audio a recording must hold. A plain call's two directions start together: the nominal span per stream. A
     * BiB pair's or SIPREC session's streams are set up one after the other (the far-end leg of a pair about 100 ms
     * after the near-end one) and are kept on one wall clock, so the WAV spans from the first packet of any stream
     * to the last packet of any stream, plus that packet's 20 ms.
     */
    private static double expectedSeconds(ExpectedResult.Recording want) {
        if ("sip".equals(want.kindOrSip())) {
            return want.audioSeconds();
        }
        Instant first = null;
        Instant last = null;
        for (ExpectedResult.Channel ch : want.channels()) {
            for (ExpectedResult.Stream s : ch.streams()) {
                first = first == null || s.firstSeenInstant().isBefore(first) ? s.firstSeenInstant() : first;
                last = last == null || s.lastSeenInstant().isAfter(last) ? s.lastSeenInstant() : last;
            }
        }
        assertTrue(first != null, "streams of " + want.callId());
        double span = Duration.between(first, last).toNanos() / 1e9 + 0.020;
        assertTrue(span >= want.audioSeconds() - DURATION_TOLERANCE_SECONDS, "span " + span);
        return span;
    }

    /** The kind-specific facts: Call-IDs, bib, siprec, recorders (failover), related recordings. */
    private static void checkRecordingFacts(ExpectedResult.Recording want, JsonNode doc, List<String> ids) {
        List<String> callIds = new ArrayList<>();
        doc.path("sip").path("callIds").forEach(c -> callIds.add(c.asText()));
        assertEquals(want.allCallIds(), callIds, "sip.callIds");
        if (want.bib() == null) {
            assertFalse(doc.has("bib"), "no bib block");
        } else {
            ExpectedResult.Bib b = want.bib();
            JsonNode jb = doc.path("bib");
            assertEquals(List.of(b.clusterId(), b.refci(), b.farendRefci(), b.nearEnd().device(), b.nearEnd().addr(),
                    b.farEnd().device(), b.farEnd().addr()), List.of(text(jb, "clusterId"), text(jb, "refci"),
                    text(jb, "farendRefci"), text(jb.path("nearEnd"), "device"), text(jb.path("nearEnd"), "addr"),
                    text(jb.path("farEnd"), "device"), text(jb.path("farEnd"), "addr")), "bib " + jb);
        }
        if (want.siprec() == null) {
            assertFalse(doc.has("siprec"), "no siprec block");
        } else {
            ExpectedResult.Siprec sr = want.siprec();
            JsonNode js = doc.path("siprec");
            assertEquals(sr.sessionId(), text(js, "sessionId"), "siprec.sessionId");
            assertEquals(sr.dialect(), text(js, "dialect"), "siprec.dialect");
            for (int c = 0; c < sr.participants().size(); c++) {
                JsonNode p = participantOnChannel(js, c);
                assertNotNull(p, "a participant sending on channel " + c + ": " + js.path("participants"));
                assertEquals(sr.participants().get(c).name(), text(p, "name"), "participant name, channel " + c);
                assertEquals(sr.participants().get(c).aor(), text(p, "aor"), "participant aor, channel " + c);
            }
            boolean hasXml = sr.sessionId() != null;
            assertEquals(hasXml, js.path("metadataXml").size() > 0, "metadataXml kept when the SRC sent some");
        }
        if ("sip".equals(want.kindOrSip())) {
            assertFalse(doc.has("recorders") || doc.has("related") || doc.has("bib") || doc.has("siprec"),
                    "a plain call has none of the recording-protocol blocks: " + doc);
        }
        if (want.attempts().isEmpty()) {
            assertTrue(doc.path("recorders").size() <= 1, "at most one recorder: " + doc.path("recorders"));
        } else {
            JsonNode rs = doc.path("recorders");
            assertEquals(want.attempts().size(), rs.size(), "recorders " + rs);
            for (int i = 0; i < want.attempts().size(); i++) {
                ExpectedResult.Attempt a = want.attempts().get(i);
                JsonNode r = rs.path(i);
                assertEquals(a.recorder(), text(r, "address"), "recorder " + i);
                assertTrue(r.path("callIds").toString().contains("\"" + a.callId() + "\""), "Call-ID of " + r);
                assertEquals(a.invites(), r.path("invites").asInt(), "INVITEs sent to recorder " + i);
                assertEquals(a.answered(), r.path("answered").asBoolean(), "answered by recorder " + i);
                assertEquals(a.icmpUnreachable(), r.path("icmpUnreachable").asInt(),
                        "ICMP port unreachable seen for recorder " + i);
            }
            ExpectedResult.Attempt first = want.attempts().get(0);
            assertEquals(first.recorder(), text(doc.path("primaryRecorder"), "address"), "primary recorder");
            assertEquals(!first.answered(), doc.path("primaryRecorder").path("failed").asBoolean(),
                    "primary recorder failed");
        }
        List<String> related = new ArrayList<>();
        doc.path("related").forEach(r -> related.add(r.asText()));
        assertEquals(want.related().stream().map(r -> ids.get(r.recording())).toList(), related, "related");
    }

    private static JsonNode participantOnChannel(JsonNode siprec, int channel) {
        for (JsonNode p : siprec.path("participants")) {
            for (JsonNode c : p.path("channels")) {
                if (c.asInt() == channel) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The text of a field, null when absent or JSON null. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode stream(JsonNode channel, String ssrc) {
        for (JsonNode s : channel.path("streams")) {
            if (s.path("ssrc").asText().equalsIgnoreCase(ssrc)) {
                return s;
            }
        }
        return null;
    }
}
