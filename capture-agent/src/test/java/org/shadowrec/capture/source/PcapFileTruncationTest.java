package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.capture.api.CaptureException;

/**
 * Cuts a small three-packet file at every byte offset. Documented behaviour: a cut inside the file header (classic:
 * the first 24 bytes; pcapng: the first Section Header Block) makes the file unusable → {@link CaptureException}
 * (from {@code open} when not even the magic is there); any later cut delivers exactly the complete frames before
 * it, never throws, and {@code problem()} names the offset of the record the cut went through (null when the cut
 * falls exactly between two records: the file is then indistinguishable from a complete shorter capture).
 */
class PcapFileTruncationTest {
    @TempDir
    Path dir;

    /** A file plus where each record starts and ends, and the frame each record holds. */
    record Layout(byte[] file, int headerEnd, List<long[]> records, List<byte[]> frames) {
    }

    static Layout classic() {
        CaptureBytes w = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 1000, 1);
        return build(w, 24, (x, i, data) -> x.record(100 + i, i, data, data.length));
    }

    static Layout pcapng() {
        CaptureBytes w = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN);
        int headerEnd = w.size();
        w.interfaceBlock(1, 0, 9, null);
        return build(w, headerEnd, (x, i, data) -> {
            if (i == 1) {
                x.simplePacket(data, data.length);
            } else {
                x.enhancedPacket(0, 1000 + i, data, data.length);
            }
        });
    }

    interface Appender {
        void append(CaptureBytes w, int index, byte[] data);
    }

    private static Layout build(CaptureBytes w, int headerEnd, Appender appender) {
        List<long[]> records = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] data = PcapFileSourceTest.bytes(13 + i * 7, i);
            long start = w.size();
            appender.append(w, i, data);
            records.add(new long[] {start, w.size()});
            frames.add(data);
        }
        return new Layout(w.bytes(), headerEnd, records, frames);
    }

    @Test
    void classic_cut_at_every_offset() throws Exception {
        cutEverywhere(classic());
    }

    @Test
    void pcapng_cut_at_every_offset() throws Exception {
        cutEverywhere(pcapng());
    }

    private void cutEverywhere(Layout layout) throws Exception {
        byte[] file = layout.file();
        Path p = dir.resolve("cut.cap");
        for (int cut = 0; cut <= file.length; cut++) {
            Files.write(p, Arrays.copyOf(file, cut));
            if (cut < 4) {
                assertThrows(CaptureException.class, () -> PcapFileSource.open(p), "cut " + cut);
                continue;
            }
            try (PcapFileSource source = PcapFileSource.open(p)) {
                Frames frames = new Frames();
                if (cut < layout.headerEnd()) {
                    CaptureException e = assertThrows(CaptureException.class, () -> source.run(frames));
                    assertTrue(e.getMessage().contains("at offset 0"), e.getMessage());
                    assertEquals(0, frames.size());
                    continue;
                }
                source.run(frames);
                int complete = 0;
                Long partialAt = null;
                long boundaryBefore = layout.headerEnd();
                for (long[] r : layout.records()) {
                    if (r[1] <= cut) {
                        complete++;
                        boundaryBefore = r[1];
                    } else if (r[0] < cut) {
                        partialAt = r[0];
                    }
                }
                assertEquals(complete, frames.size(), "cut " + cut);
                for (int i = 0; i < complete; i++) {
                    assertArrayEquals(layout.frames().get(i), frames.get(i).data(), "cut " + cut + " frame " + i);
                }
                if (partialAt == null && (cut == boundaryBefore || cut == layout.records().get(0)[0])) {
                    assertNull(source.problem(), "cut " + cut);
                } else {
                    long at = partialAt != null ? partialAt : boundaryBefore;
                    assertNotNull(source.problem(), "cut " + cut);
                    assertTrue(source.problem().contains("at offset " + at + ":"), "cut " + cut + ": "
                            + source.problem());
                    assertTrue(source.problem().startsWith("truncated "), source.problem());
                }
                assertEquals((long) cut, source.stats().get("bytes-total"));
            }
        }
    }
}
