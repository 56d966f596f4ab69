package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Captures made by tcpdump, dumpcap and mergecap (src/test/resources/source/README.md) read the same through
 * {@link PcapFileSource} as through TShark ({@code expected.tsv}).
 */
class ToolMadeCaptureTest {
    /** Wireshark encapsulation number → LINKTYPE_* value, for the encapsulations in expected.tsv. */
    private static final Map<Integer, Integer> LINKTYPE_BY_WTAP_ENCAP = Map.of(1, 1, 210, 276);

    record Expected(int frame, long nanos, int ifIndex, int linkType, int wire, int captured, byte[] payload) {
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ToolMadeCaptureTest.class.getResource("/source/" + name).toURI());
    }

    static Stream<String> files() {
        return Stream.of("classic-us.pcap", "classic-ns.pcap", "any-ns.pcap", "dumpcap-lo.pcapng", "merged.pcapng");
    }

    static List<Expected> expected(String file) throws Exception {
        List<Expected> rows = new ArrayList<>();
        for (String line : Files.readAllLines(resource("expected.tsv"))) {
            String[] f = line.split("\t");
            if (line.startsWith("#") || !f[0].equals(file)) {
                continue;
            }
            rows.add(new Expected(Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
                    LINKTYPE_BY_WTAP_ENCAP.get(Integer.parseInt(f[4])), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), HexFormat.of().parseHex(f[7])));
        }
        return rows;
    }

    @ParameterizedTest
    @MethodSource("files")
    void reads_what_tshark_reads(String file) throws Exception {
        List<Expected> expected = expected(file);
        Frames frames = new Frames();
        try (PcapFileSource source = PcapFileSource.open(resource(file))) {
            source.run(frames);
            assertNull(source.problem());
            assertEquals((long) expected.size(), source.stats().get("frames"));
            assertEquals(Files.size(resource(file)), source.stats().get("bytes-read"));
        }
        assertEquals(expected.size(), frames.size());
        for (Expected e : expected) {
            Frames.Frame f = frames.get(e.frame() - 1);
            String where = file + " frame " + e.frame();
            assertEquals(e.nanos(), f.nanos(), where);
            assertEquals(e.ifIndex(), f.ifIndex(), where);
            assertEquals(e.linkType(), f.linkType(), where);
            assertEquals(e.wire(), f.wireLength(), where);
            assertEquals(e.captured(), f.data().length, where);
            byte[] tail = Arrays.copyOfRange(f.data(), f.data().length - e.payload().length, f.data().length);
            assertArrayEquals(e.payload(), tail, where);
        }
    }
}
