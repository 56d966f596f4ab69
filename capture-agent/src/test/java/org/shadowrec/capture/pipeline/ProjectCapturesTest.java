package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
 * recordings, end reason, tone per channel, duration within ±20 ms of the RTP sent, parties, and per stream the
 * SSRC, addresses, codec and the packet, loss and duplicate counts that were injected.
 */
class ProjectCapturesTest {
    private static final double DURATION_TOLERANCE_SECONDS = 0.020;

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
        for (ExpectedResult.Recording want : expected.recordings()) {
            int i = indexOfCall(docs, want.callId());
            assertTrue(i >= 0, "a recording for Call-ID " + want.callId());
            check(want, docs.get(i), Wav.read(recordings.get(i).resolve("audio.wav")));
        }
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
        assertEquals("sip", doc.path("kind").asText());
        assertEquals(want.endReason(), doc.path("endReason").asText(), "endReason");
        assertEquals(2, wav.channels(), "channels");
        assertEquals(8000, wav.rate(), "rate");
        assertEquals(want.audioSeconds(), wav.seconds(), DURATION_TOLERANCE_SECONDS, "WAV duration");
        assertEquals(want.audioSeconds(), doc.path("durationSeconds").asDouble(), DURATION_TOLERANCE_SECONDS,
                "durationSeconds");
        assertTrue(doc.path("start").asText().endsWith("Z") && !doc.has("primaryRecorder"), doc.toString());
        for (ExpectedResult.Channel ch : want.channels()) {
            short[] samples = wav.samples()[ch.index()];
            int hz = Tones.dominantHz(samples, wav.rate());
            assertEquals(ch.toneHz(), hz, 10, "tone of channel " + ch.index());
            JsonNode jc = doc.path("channels").path(ch.index());
            assertEquals(ch.index(), jc.path("index").asInt());
            if (ch.party() != null) {
                assertEquals(ch.party().number(), jc.path("party").path("number").asText(), "party number");
                assertEquals(ch.party().aor(), jc.path("party").path("aor").asText(), "party aor");
                assertEquals(ch.party().name(), jc.path("party").path("name").asText(), "party name");
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

    private static JsonNode stream(JsonNode channel, String ssrc) {
        for (JsonNode s : channel.path("streams")) {
            if (s.path("ssrc").asText().equalsIgnoreCase(ssrc)) {
                return s;
            }
        }
        return null;
    }
}
