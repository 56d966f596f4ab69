package org.shadowrec.testpcaps.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.testpcaps.cli.GenerateMain;

/** Bench-mode generation: many staggered concurrent calls merged in time order. */
class BenchGenerationTest {
    private static final int CALLS = 20;
    private static final int SECONDS = 2;

    @Test
    void twentyCallsOfTwoSeconds(@TempDir Path tmp) throws Exception {
        CaptureOptions o = CaptureOptions.builder().calls(CALLS).seconds(SECONDS).staggerMillis(150).seed(42).build();
        Path file = tmp.resolve("bench.pcap");
        GenerationResult r = CaptureGenerator.write(o, file);

        long formula = CALLS * (7L + 2L * SECONDS * 50);
        assertEquals(formula, r.packets(), "7 SIP + 2 x 50 RTP per second, per call");
        assertEquals(formula, CaptureGenerator.expectedPackets(o));

        CaptureFile read = CaptureFile.read(file);
        assertEquals(formula, read.records.size(), "records in the file");
        for (int i = 1; i < read.records.size(); i++) {
            assertTrue(read.records.get(i).nanos() >= read.records.get(i - 1).nanos(), "global time order at " + i);
        }
        CaptureContent c = CaptureContent.of(read);
        assertEquals(0, c.checksumFailures);
        assertEquals(2 * CALLS, c.rtp.size(), "distinct SSRCs");
        c.rtp.values().forEach(s -> assertEquals(SECONDS * 50, s.size(), "packets per stream"));
        Set<String> callIds = c.sip.stream().map(m -> m.headers().get("call-id")).collect(Collectors.toSet());
        assertEquals(CALLS, callIds.size(), "distinct Call-IDs");
        Set<String> ports = new HashSet<>();
        c.rtp.values().forEach(s -> ports.add(s.get(0).src()));
        assertEquals(2 * CALLS, ports.size(), "distinct RTP source ports");
        Set<String> facts = r.calls().stream().map(CallFacts::callId).collect(Collectors.toSet());
        assertEquals(callIds, facts, "facts name the calls in the file");

        String streams = GenerateMain.tshark(file, "rtp,streams");
        Assumptions.assumeTrue(streams != null, "tshark not installed");
        List<String> rows = streams.lines().filter(l -> l.contains(" 0x")).toList();
        assertEquals(2 * CALLS, rows.size(), "tshark's RTP streams:\n" + streams);
        rows.forEach(l -> assertTrue(l.matches(".*\\s" + SECONDS * 50 + "\\s+0 \\(0\\.0%\\).*"),
                "100 packets, 0 lost: " + l));
        String sip = GenerateMain.tshark(file, "sip,stat");
        assertTrue(sip.contains("Number of SIP messages: " + 7 * CALLS), sip);
    }
}
