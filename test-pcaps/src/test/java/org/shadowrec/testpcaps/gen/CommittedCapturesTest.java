package org.shadowrec.testpcaps.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.testpcaps.TestPcaps;

/** The committed captures are exactly what the generator makes, and the generator is deterministic. */
class CommittedCapturesTest {

    static Stream<Catalog.Entry> entries() {
        return Catalog.entries().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void regeneratingGivesTheCommittedBytes(Catalog.Entry e, @TempDir Path tmp) throws Exception {
        CaptureOptions o = e.options();
        Path file = tmp.resolve(o.format().fileName());
        GenerationResult r = CaptureGenerator.write(o, file);
        Path committed = TestPcaps.capture(e.name());
        assertSame(committed.resolve(o.format().fileName()), file);
        assertEquals(Files.readString(committed.resolve("expected.yaml")), ExpectedYaml.render(o, r),
                "expected.yaml of " + e.name());
        assertTrue(Files.isRegularFile(committed.resolve("README.md")), "README.md of " + e.name());
    }

    @Test
    void sameOptionsGiveSameBytesAndAnotherSeedDiffers() throws Exception {
        CaptureOptions o = CaptureOptions.builder().seconds(1).seed(7).build();
        byte[] a = generate(o);
        byte[] b = generate(o);
        byte[] c = generate(o.toBuilder().seed(8).build());
        assertTrue(Arrays.equals(a, b), "same options, same bytes");
        assertEquals(a.length, c.length, "same sizes");
        assertTrue(!Arrays.equals(a, c), "another seed changes tags, SSRCs, jitter");
    }

    private static byte[] generate(CaptureOptions o) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureGenerator.write(o, out);
        return out.toByteArray();
    }

    private static void assertSame(Path expected, Path actual) throws Exception {
        byte[] a = Files.readAllBytes(expected);
        byte[] b = Files.readAllBytes(actual);
        int mismatch = Arrays.mismatch(a, b);
        assertEquals(-1, mismatch, () -> expected + " differs from a fresh generation at byte " + mismatch
                + " (sizes " + a.length + " / " + b.length + "): run GenerateMain all test-pcaps");
    }
}
