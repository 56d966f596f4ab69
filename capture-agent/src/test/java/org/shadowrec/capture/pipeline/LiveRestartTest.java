package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.testpcaps.Tones;
import org.shadowrec.testpcaps.Wav;

/**
 * shadowrec stopped (SIGTERM, a planned restart) or killed (SIGKILL, a crash) in the middle of a live call on
 * loopback, then started again on the same output directory: the call continues into ONE recording, which lists the
 * time the sensor was not capturing as a gap with its cause. The call's sender pauses while shadowrec is down, so
 * that tcpdump (running throughout) saw exactly the packets shadowrec saw: the recording's audio equals, byte for
 * byte, the replay of tcpdump's file (an uninterrupted run), and its JSON too, but for the gap. Needs root and
 * tcpdump: skipped without them on a developer machine, never in CI.
 */
class LiveRestartTest {
    /** RTP packets each way between two stops (1.5 s). */
    private static final int PACKETS_PER_PHASE = 75;

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void sigterm_then_restart_continues_the_call_into_one_recording() throws Exception {
        JsonNode gaps = restartMidCall(false, 1);
        assertEquals("sensor-stopped", gaps.get(0).path("cause").asText());
    }

    @Test
    @Timeout(240)
    void sigkill_twice_then_restart_continues_the_call_into_one_recording() throws Exception {
        JsonNode gaps = restartMidCall(true, 2);
        for (JsonNode g : gaps) {
            assertEquals("sensor-crashed", g.path("cause").asText());
        }
    }

    /** Plays a call across {@code restarts} stops or kills of shadowrec; returns the recording's gaps. */
    private JsonNode restartMidCall(boolean kill, int restarts) throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue("root".equals(System.getProperty("user.name"))
                    && (Files.isExecutable(Path.of("/usr/bin/tcpdump"))
                    || Files.isExecutable(Path.of("/usr/sbin/tcpdump"))), "live capture needs root and tcpdump");
        }
        Path out = tmp.resolve("out");
        Path pcap = tmp.resolve("lo.pcap");
        String[] capture = {"capture", "--interface", "lo", "--filter", LoopbackCall.FILTER, "--out", out.toString(),
                "--quiet"};
        Process dump = LiveCaptureTest.startTcpdump(pcap);
        List<Instant> down = new ArrayList<>();
        List<Instant> up = new ArrayList<>();
        try (LoopbackCall call = new LoopbackCall(kill ? "killed" : "stopped")) {
            ShadowrecProcess running = ShadowrecProcess.start(tmp, "run0", capture);
            running.awaitErr("shadowrec: capturing on lo");
            call.start();
            for (int r = 1; r <= restarts; r++) {
                call.media(PACKETS_PER_PHASE);
                Thread.sleep(1500); // every frame is in the journal (live capture appends each at once)
                down.add(Instant.now());
                if (kill) {
                    running.kill();
                } else {
                    long t0 = System.nanoTime();
                    assertEquals(0, running.terminate(), running.output());
                    long stopMillis = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(stopMillis < 10_000, "stopped within a few seconds of SIGTERM: " + stopMillis + " ms");
                    assertTrue(running.output().contains("calls still open are kept in the journal"),
                            running.output());
                    Wav sofar = Wav.read(onlyRecordingDir(out).resolve("audio.wav.partial"));
                    assertTrue(sofar.samples()[0].length >= 4000, "the unfinished file is a playable WAV of the"
                            + " audio so far: " + sofar.samples()[0].length + " frames");
                    assertEquals(440, Tones.dominantHz(sofar.samples()[0], sofar.rate()), 10);
                }
                running = ShadowrecProcess.start(tmp, "run" + r, capture);
                running.awaitErr("shadowrec: capturing on lo");
                up.add(Instant.now());
            }
            call.media(PACKETS_PER_PHASE);
            call.end();
            Thread.sleep(500);
            assertEquals(0, running.terminate(), running.output());
            assertTrue(running.output().contains("1 recordings written"), running.output());
        } finally {
            dump.destroy();
            assertTrue(dump.waitFor(10, TimeUnit.SECONDS), "tcpdump stopped");
        }

        List<Path> recs = Replays.recordings(out);
        assertEquals(1, recs.size(), "one recording for the call that spans the restarts: " + recs);
        try (var s = Files.list(out)) {
            assertEquals(1, s.filter(p -> !p.getFileName().toString().startsWith(".")).count(), "nothing else");
        }
        JsonNode doc = Replays.json(recs.get(0));
        assertEquals("bye", doc.path("endReason").asText());
        int packets = (restarts + 1) * PACKETS_PER_PHASE;
        for (JsonNode ch : doc.path("channels")) {
            assertEquals(packets, ch.path("streams").path(0).path("packets").asInt(), "packets " + ch);
        }
        JsonNode gaps = doc.path("gaps");
        assertEquals(restarts, gaps.size(), "one gap per restart: " + doc);
        long gapMillis = 0;
        for (int i = 0; i < restarts; i++) {
            JsonNode gap = gaps.get(i);
            Instant from = Instant.parse(gap.path("from").asText());
            Instant to = Instant.parse(gap.path("to").asText());
            assertTrue(from.isBefore(down.get(i).plusMillis(100)) && to.isAfter(down.get(i)),
                    "gap " + gap + " spans the stop at " + down.get(i));
            assertTrue(!to.isAfter(up.get(i).plusMillis(100)),
                    "gap " + gap + " ends when capture started again at " + up.get(i));
            gapMillis += Duration.between(from, to).toMillis();
        }

        Wav wav = Wav.read(recs.get(0).resolve("audio.wav"));
        int rate = wav.rate();
        int phase = PACKETS_PER_PHASE * 160;
        assertEquals(440, Tones.dominantHz(wav.samples()[0], rate, 0, phase), 10, "caller before the first stop");
        int len = wav.samples()[0].length;
        assertEquals(440, Tones.dominantHz(wav.samples()[0], rate, len - phase, len), 10, "caller after the last restart");
        assertEquals(1000, Tones.dominantHz(wav.samples()[1], rate, len - phase, len), 10, "callee after the last restart");
        assertTrue(len >= packets * 160 + gapMillis * rate / 1000 - rate / 2,
                "the gaps are in the audio as silence: " + len + " frames");

        // the uninterrupted run: tcpdump's file replayed
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        Replays.replay(reference, tmp, pcap);
        List<Path> ref = Replays.recordings(reference);
        assertEquals(1, ref.size());
        assertEquals(ref.get(0).getFileName(), recs.get(0).getFileName(), "same recording id");
        assertArrayEquals(Files.readAllBytes(ref.get(0).resolve("audio.wav")),
                Files.readAllBytes(recs.get(0).resolve("audio.wav")), "audio.wav byte for byte");
        ObjectNode withoutGap = ((ObjectNode) doc.deepCopy());
        withoutGap.remove("gaps");
        assertEquals(Replays.json(ref.get(0)), withoutGap, "recording.json but for the gaps");
        return gaps;
    }

    private static Path onlyRecordingDir(Path out) throws Exception {
        try (var s = Files.list(out)) {
            List<Path> dirs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, dirs.size(), "one recording directory: " + dirs);
            return dirs.get(0);
        }
    }
}
