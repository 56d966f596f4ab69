package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.testpcaps.TestPcaps;

/**
 * Conformance against real third-party captures ({@code ../shared/pcaps}, see its PROVENANCE.md; never copied into
 * the repository). Runs only when that folder exists. For every G.711 stream tshark finds
 * ({@code tshark --enable-heuristic rtp_udp -z rtp,streams}), the replay must have recorded a stream with the same
 * source, destination and SSRC, and the same number of packets (ours excludes duplicates, so packets + duplicates
 * is compared with tshark's count).
 */
class ThirdPartyConformanceTest {

    @TempDir
    Path tmp;

    /** A row of tshark's rtp,streams table. */
    record TsharkStream(String src, String dst, String ssrc, String payload, long packets) {}

    static Path sharedPcaps() {
        return TestPcaps.dir().toAbsolutePath().getParent().getParent().resolve("shared").resolve("pcaps");
    }

    static Stream<String> captures() throws IOException {
        Path root = sharedPcaps();
        if (!Files.isDirectory(root)) {
            return Stream.of("(../shared/pcaps absent)");
        }
        List<String> names = new ArrayList<>();
        for (String sub : List.of("sip-rtp", "failures", "encap")) {
            Path d = root.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                            .sorted().forEach(p -> names.add(sub + "/" + p.getFileName()));
                }
            }
        }
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void g711_stream_packet_counts_equal_tsharks(String name) throws Exception {
        Path capture = sharedPcaps().resolve(name);
        assumeTrue(Files.isRegularFile(capture), "third-party captures not present next to the repository");
        List<TsharkStream> g711 = tsharkStreams(capture).stream()
                .filter(s -> s.payload().toLowerCase(Locale.ROOT).contains("g711")).toList();

        Path out = Files.createDirectories(tmp.resolve("out"));
        RunResult result = Replays.replay(out, tmp, capture);
        assertEquals(0L, result.counters().getOrDefault("decode.decoder-bug", 0L), "decoder bugs");

        Map<String, Long> ours = new HashMap<>();
        for (Path r : Replays.recordings(out)) {
            JsonNode doc = Replays.json(r);
            for (JsonNode ch : doc.path("channels")) {
                for (JsonNode s : ch.path("streams")) {
                    String key = s.path("src").asText() + ">" + s.path("dst").asText() + "#"
                            + s.path("ssrc").asText().toUpperCase(Locale.ROOT);
                    ours.merge(key, s.path("packets").asLong() + s.path("duplicates").asLong(), Long::sum);
                }
            }
        }
        for (TsharkStream t : g711) {
            String key = t.src() + ">" + t.dst() + "#" + t.ssrc().toUpperCase(Locale.ROOT);
            assertTrue(ours.containsKey(key), "tshark's stream " + t + " was recorded; ours: " + ours.keySet()
                    + "; counters: " + result.counters());
            assertEquals(t.packets(), ours.get(key), "packets of " + t);
        }
    }

    /** Runs tshark and parses its RTP stream table (one row per stream). */
    static List<TsharkStream> tsharkStreams(Path capture) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-q", "--enable-heuristic", "rtp_udp", "-z", "rtp,streams",
                "-r", capture.toString()).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark finished");
        List<TsharkStream> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // Start End SrcIP SrcPort DstIP DstPort SSRC Payload... Pkts Lost (pct) ...
            if (f.length < 10 || !f[6].startsWith("0x")) {
                continue;
            }
            int pkts = 7;
            while (pkts < f.length && !f[pkts].matches("\\d+")) {
                pkts++;
            }
            String payload = String.join(" ", java.util.Arrays.copyOfRange(f, 7, pkts));
            rows.add(new TsharkStream(endpoint(f[2], f[3]), endpoint(f[4], f[5]), f[6], payload,
                    Long.parseLong(f[pkts])));
        }
        return rows;
    }

    private static String endpoint(String ip, String port) {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
