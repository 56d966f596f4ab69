package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.capture.source.LiveCaptureOptions;
import org.shadowrec.capture.source.LivePcapSource;
import org.shadowrec.testpcaps.Tones;
import org.shadowrec.testpcaps.Wav;

/**
 * The appliance path for real: a SIP call with RTP both ways is played over loopback while shadowrec captures it
 * live (pcap4j) and tcpdump writes the same traffic to a file; the live recording must equal, byte for byte, the
 * recording made by replaying tcpdump's file. Needs root (or CAP_NET_RAW) and tcpdump: skipped without them on a
 * developer machine, never in CI (CI=true), where a missing privilege is a failure.
 */
class LiveCaptureTest {
    private static final String FILTER = LoopbackCall.FILTER;
    private static final int PACKETS = 150;

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void live_recording_equals_replay_of_the_same_traffic() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean tcpdump = Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"));
        if (!ci) {
            assumeTrue(root && tcpdump, "live capture needs root and tcpdump");
        }
        Path liveOut = Files.createDirectories(tmp.resolve("live"));
        Path pcap = tmp.resolve("lo.pcap");

        LivePcapSource source = LivePcapSource.open(LiveCaptureOptions.of("lo").withFilter(FILTER));
        Pipeline live = new Pipeline(PipelineConfig.defaults(liveOut, tmp.resolve("journal-live")), List.of(source),
                "shutdown");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                outcome.set(live.run());
            } catch (IOException | RuntimeException e) {
                outcome.set(e);
            }
        }, "live-pipeline");
        runner.start();
        Process dump = startTcpdump(pcap);
        try {
            Thread.sleep(500); // both capture handles are open and filtering
            playCall();
            Thread.sleep(500);
        } finally {
            dump.destroy(); // SIGTERM: tcpdump flushes and closes the file
            assertTrue(dump.waitFor(10, TimeUnit.SECONDS), "tcpdump stopped");
            live.stop();
            runner.join(30_000);
            source.close();
        }
        assertTrue(outcome.get() instanceof RunResult, "live run finished: " + outcome.get());
        RunResult liveResult = (RunResult) outcome.get();
        assertEquals(List.of(), liveResult.problems());

        Path replayOut = Files.createDirectories(tmp.resolve("replay"));
        RunResult replayResult = Replays.replay(replayOut, tmp, pcap);
        assertEquals(liveResult.frames(), replayResult.frames(), "same packets seen live and in tcpdump's file");

        List<Path> liveRecs = Replays.recordings(liveOut);
        List<Path> replayRecs = Replays.recordings(replayOut);
        assertEquals(1, liveRecs.size(), "one live recording");
        assertEquals(1, replayRecs.size(), "one replayed recording");
        assertEquals(liveRecs.get(0).getFileName(), replayRecs.get(0).getFileName(), "same recording id");
        assertArrayEquals(Files.readAllBytes(replayRecs.get(0).resolve("audio.wav")),
                Files.readAllBytes(liveRecs.get(0).resolve("audio.wav")), "audio.wav byte for byte");
        assertEquals(Files.readString(replayRecs.get(0).resolve("recording.json")),
                Files.readString(liveRecs.get(0).resolve("recording.json")), "recording.json");

        JsonNode doc = Replays.json(liveRecs.get(0));
        assertEquals("bye", doc.path("endReason").asText());
        Wav wav = Wav.read(liveRecs.get(0).resolve("audio.wav"));
        assertEquals(440, Tones.dominantHz(wav.samples()[0], wav.rate()), 10, "caller tone");
        assertEquals(1000, Tones.dominantHz(wav.samples()[1], wav.rate()), 10, "callee tone");
        for (JsonNode ch : doc.path("channels")) {
            assertEquals(PACKETS, ch.path("streams").path(0).path("packets").asInt(), "packets " + ch);
        }
    }

    @Test
    @Timeout(120)
    void capture_command_records_a_call_and_stops_cleanly_on_sigterm() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue("root".equals(System.getProperty("user.name")), "live capture needs root");
        }
        Path out = tmp.resolve("cli-out");
        ShadowrecProcess shadowrec = ShadowrecProcess.start(tmp, "cli", "capture", "--interface", "lo", "--filter",
                FILTER, "--out", out.toString(), "--quiet");
        try {
            shadowrec.awaitErr("shadowrec: capturing on lo");
            playCall();
            Thread.sleep(300);
        } finally {
            assertEquals(0, shadowrec.terminate(), shadowrec.output()); // SIGTERM, stopped within 30 s
        }
        String summary = Files.readString(tmp.resolve("cli.out"));
        assertTrue(summary.contains("1 recordings written"), summary);
        List<Path> recs = Replays.recordings(out);
        assertEquals(1, recs.size());
        assertEquals("bye", Replays.json(recs.get(0)).path("endReason").asText());
        Wav wav = Wav.read(recs.get(0).resolve("audio.wav"));
        assertEquals(440, Tones.dominantHz(wav.samples()[0], wav.rate()), 10, "caller tone");
        assertEquals(1000, Tones.dominantHz(wav.samples()[1], wav.rate()), 10, "callee tone");
        assertTrue(Files.isDirectory(out.resolve(".journal")), "journal kept under OUT/.journal");
    }

    static Process startTcpdump(Path file) throws IOException, InterruptedException {
        // --immediate-mode: every packet is written as it arrives, so stopping tcpdump right after the call's last
        // packet (BYE) does not lose it in a capture buffer
        Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-U", "--immediate-mode", "-n",
                "--time-stamp-precision=nano", "-w",
                file.toString(), FILTER).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            if (line.contains("listening on")) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // tcpdump ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new IOException("tcpdump did not start (exit " + p.waitFor() + ")");
    }

    private static void playCall() throws Exception {
        try (LoopbackCall call = new LoopbackCall("live-test")) {
            call.start();
            call.media(PACKETS);
            call.end();
        }
    }
}
