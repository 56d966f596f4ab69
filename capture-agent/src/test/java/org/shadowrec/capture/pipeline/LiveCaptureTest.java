package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import org.shadowrec.testpcaps.gen.G711;

/**
 * The appliance path for real: a SIP call with RTP both ways is played over loopback while shadowrec captures it
 * live (pcap4j) and tcpdump writes the same traffic to a file; the live recording must equal, byte for byte, the
 * recording made by replaying tcpdump's file. Needs root (or CAP_NET_RAW) and tcpdump: skipped without them on a
 * developer machine, never in CI (CI=true), where a missing privilege is a failure.
 */
class LiveCaptureTest {
    private static final String LO = "127.0.0.1";
    private static final int CALLER_SIP = 45060;
    private static final int CALLEE_SIP = 45062;
    private static final int CALLER_RTP = 46000;
    private static final int CALLEE_RTP = 46002;
    private static final String FILTER = "udp and (port " + CALLER_SIP + " or port " + CALLEE_SIP + " or port "
            + CALLER_RTP + " or port " + CALLEE_RTP + ")";
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
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.shadowrec.capture.cli.Main", "capture",
                "--interface", "lo", "--filter", FILTER, "--out", out.toString(), "--quiet"));
        Process shadowrec = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("cli.out").toFile())
                .redirectError(tmp.resolve("cli.err").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(tmp.resolve("cli.err")).contains("shadowrec: capturing on lo")) {
                assertTrue(shadowrec.isAlive(), "shadowrec exited early: " + Files.readString(tmp.resolve("cli.err")));
                assertTrue(System.nanoTime() < deadline, "shadowrec did not start capturing");
                Thread.sleep(100);
            }
            playCall();
            Thread.sleep(300);
        } finally {
            shadowrec.destroy(); // SIGTERM
        }
        assertTrue(shadowrec.waitFor(30, TimeUnit.SECONDS), "stopped within 30 s of SIGTERM");
        String summary = Files.readString(tmp.resolve("cli.out"));
        assertEquals(0, shadowrec.exitValue(), summary + Files.readString(tmp.resolve("cli.err")));
        assertTrue(summary.contains("1 recordings written"), summary);
        List<Path> recs = Replays.recordings(out);
        assertEquals(1, recs.size());
        assertEquals("bye", Replays.json(recs.get(0)).path("endReason").asText());
        Wav wav = Wav.read(recs.get(0).resolve("audio.wav"));
        assertEquals(440, Tones.dominantHz(wav.samples()[0], wav.rate()), 10, "caller tone");
        assertEquals(1000, Tones.dominantHz(wav.samples()[1], wav.rate()), 10, "callee tone");
        assertTrue(Files.isDirectory(out.resolve(".journal")), "journal kept under OUT/.journal");
    }

    private static Process startTcpdump(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-U", "-n", "--time-stamp-precision=nano", "-w",
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

    /** INVITE/200/ACK, 3 s of PCMU both ways (caller 440 Hz, callee 1000 Hz), BYE/200, all on 127.0.0.1. */
    private static void playCall() throws Exception {
        try (DatagramSocket callerSip = bind(CALLER_SIP); DatagramSocket calleeSip = bind(CALLEE_SIP);
             DatagramSocket callerRtp = bind(CALLER_RTP); DatagramSocket calleeRtp = bind(CALLEE_RTP)) {
            String callId = "live-test-" + ProcessHandle.current().pid() + "@127.0.0.1";
            send(callerSip, CALLEE_SIP, invite(callId));
            send(calleeSip, CALLER_SIP, ok(callId, 1, "INVITE", sdp(CALLEE_RTP, "Bob")));
            send(callerSip, CALLEE_SIP, request("ACK", callId, 1, ""));
            long start = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                send(callerRtp, CALLEE_RTP, rtp(0x11223344, 1000 + i, 8000L + 160L * i, 440, i));
                send(calleeRtp, CALLER_RTP, rtp(0x55667788, 2000 + i, 16000L + 160L * i, 1000, i));
                long next = start + (i + 1) * 20_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            send(callerSip, CALLEE_SIP, request("BYE", callId, 2, ""));
            send(calleeSip, CALLER_SIP, ok(callId, 2, "BYE", ""));
        }
    }

    private static DatagramSocket bind(int port) throws IOException {
        DatagramSocket s = new DatagramSocket(null);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(LO), port));
        return s;
    }

    private static void send(DatagramSocket from, int toPort, byte[] data) throws IOException {
        from.send(new DatagramPacket(data, data.length, InetAddress.getByName(LO), toPort));
    }

    private static void send(DatagramSocket from, int toPort, String text) throws IOException {
        send(from, toPort, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] rtp(int ssrc, int seq, long ts, int hz, int index) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[1] = (byte) (index == 0 ? 0x80 : 0x00); // marker on the first packet, PT 0 (PCMU)
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (ts >>> (24 - 8 * i));
            p[8 + i] = (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int n = 0; n < 160; n++) {
            double t = (index * 160 + n) / 8000.0;
            p[12 + n] = G711.linearToUlaw((int) Math.round(10_000 * Math.sin(2 * Math.PI * hz * t)));
        }
        return p;
    }

    private static String sdp(int port, String user) {
        return "v=0\r\no=" + user + " 1 1 IN IP4 " + LO + "\r\ns=-\r\nc=IN IP4 " + LO + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }

    private static String invite(String callId) {
        String body = sdp(CALLER_RTP, "Alice");
        return "INVITE sip:1002@" + LO + ":" + CALLEE_SIP + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + LO + ":" + CALLER_SIP + ";branch=z9hG4bK-live-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:1001@" + LO + ">;tag=live-from\r\n"
                + "To: \"Bob\" <sip:1002@" + LO + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:1001@" + LO + ":" + CALLER_SIP + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String request(String method, String callId, int cseq, String body) {
        return method + " sip:1002@" + LO + ":" + CALLEE_SIP + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + LO + ":" + CALLER_SIP + ";branch=z9hG4bK-live-" + method + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:1001@" + LO + ">;tag=live-from\r\n"
                + "To: \"Bob\" <sip:1002@" + LO + ">;tag=live-to\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String ok(String callId, int cseq, String method, String body) {
        return "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP " + LO + ":" + CALLER_SIP + ";branch=z9hG4bK-live-"
                + (method.equals("INVITE") ? "1" : method + cseq) + "\r\n"
                + "From: \"Alice\" <sip:1001@" + LO + ">;tag=live-from\r\n"
                + "To: \"Bob\" <sip:1002@" + LO + ">;tag=live-to\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:1002@" + LO + ":" + CALLEE_SIP + ">\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
