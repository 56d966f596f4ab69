package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.IdleBackoff;
import org.shadowrec.storage.api.PacketJournal;

class PacketJournalTest {

    @TempDir
    Path dir;

    /** Deterministic frame content and metadata for frame number {@code i}. */
    static final class Frames {
        static int size(int i) {
            if (i == 7) {
                return 65_535;
            }
            if (i % 1000 == 3) {
                return new SplittableRandom(i).nextInt(65_536);
            }
            if (i % 97 == 0) {
                return 0;
            }
            return new SplittableRandom(i * 31L).nextInt(1_601);
        }

        static void fill(int i, byte[] buf, int off, int len) {
            SplittableRandom r = new SplittableRandom(0x5EED_0000L + i);
            for (int j = 0; j < len; j++) {
                buf[off + j] = (byte) r.nextInt(256);
            }
        }

        static long nanos(int i) {
            return 1_764_633_600_000_000_000L + i * 20_000_123L;
        }

        static int source(int i) {
            return i % 5;
        }

        static int link(int i) {
            return i % 3 == 0 ? 1 : 113;
        }

        static int wire(int i, int len) {
            return i % 11 == 0 ? len + 100 : len;
        }
    }

    private static void appendFrames(PacketJournal.Appender a, int from, int to, int offset) {
        byte[] buf = new byte[65_535 + offset + 9];
        for (int i = from; i < to; i++) {
            int len = Frames.size(i);
            Arrays.fill(buf, (byte) 0x55);
            Frames.fill(i, buf, offset, len);
            a.append(Frames.nanos(i), Frames.source(i), Frames.link(i), Frames.wire(i, len), buf, offset, len);
        }
    }

    /** Checks every field and every byte of each delivered frame against frame number {@code expected[0]++}. */
    private static final class Checker implements FrameHandler {
        int next;
        long lastIndex = -1;
        boolean batched;
        final byte[] want = new byte[65_535];

        Checker(int first) {
            this.next = first;
        }

        /** Frames of one batch excerpt share its index: indexes only never decrease. */
        Checker batched() {
            batched = true;
            return this;
        }

        @Override
        public void frame(long index, long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf,
                          int off, int len) {
            int i = next++;
            int size = Frames.size(i);
            assertTrue(batched ? index >= lastIndex : index > lastIndex, "index increases");
            lastIndex = index;
            assertEquals(Frames.nanos(i), captureNanos, "nanos of " + i);
            assertEquals(Frames.source(i), sourceId, "source of " + i);
            assertEquals(Frames.link(i), linkType, "link of " + i);
            assertEquals(Frames.wire(i, size), wireLength, "wire length of " + i);
            assertEquals(size, len, "len of " + i);
            Frames.fill(i, want, 0, size);
            assertTrue(Arrays.equals(want, 0, size, buf, off, off + len), "bytes of frame " + i);
        }
    }

    @Test
    void roundTripOf100kFramesWithVariedSizes() throws Exception {
        int n = 100_000;
        try (PacketJournal journal = PacketJournal.open(dir)) {
            assertEquals(-1L, journal.lastIndex());
            assertEquals(-1L, journal.firstIndex());
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 0, n, 13);
            }
            Checker checker = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("round-trip")) {
                while (r.next(checker)) {
                    // checked in the handler
                }
                assertEquals(n, checker.next);
                assertEquals(journal.lastIndex(), checker.lastIndex);
                assertEquals(journal.lastIndex(), r.lastDeliveredIndex());
                assertFalse(r.next(checker));
            }
            assertTrue(journal.firstIndex() >= 0 && journal.firstIndex() < journal.lastIndex());
            assertEquals(n, journal.counters().get("frames-appended"));
            assertEquals(n, journal.counters().get("frames-read"));
            assertEquals(0, journal.counters().get("excerpts-malformed"));
        }
    }

    @Test
    void checkpointResumesAfterLastDeliveredFrameAndNamesAreIndependent() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 0, 1000, 0);
            }
            Checker first = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("decoder")) {
                for (int i = 0; i < 500; i++) {
                    assertTrue(r.next(first));
                }
                r.checkpoint();
                assertEquals(first.lastIndex, r.checkpointedIndex());
                // read further without a checkpoint: a crash here must not lose frames 501..600
                for (int i = 0; i < 100; i++) {
                    assertTrue(r.next(first));
                }
            }
            Checker resumed = new Checker(500);
            try (PacketJournal.Reader r = journal.reader("decoder")) {
                assertTrue(r.next(resumed));
                assertEquals(501, resumed.next, "first frame after reopen is the 501st");
                while (r.next(resumed)) {
                    // rest
                }
                assertEquals(1000, resumed.next);
            }
            Checker other = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("replicator")) {
                while (r.next(other)) {
                    // independent name starts at the beginning
                }
                assertEquals(1000, other.next);
            }
        }
        assertTrue(Files.exists(dir.resolve("readers").resolve("decoder.checkpoint")));
        assertFalse(Files.exists(dir.resolve("readers").resolve("replicator.checkpoint")), "never checkpointed");
    }

    @Test
    void checkpointSurvivesReopeningTheQueue() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 0, 300, 1);
            }
            Checker c = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("p")) {
                for (int i = 0; i < 120; i++) {
                    assertTrue(r.next(c));
                }
                r.checkpoint();
            }
        }
        try (PacketJournal journal = PacketJournal.open(dir)) {
            assertTrue(journal.lastIndex() >= 0);
            Checker fresh = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("fresh")) {
                while (r.next(fresh)) {
                    // a closed and reopened journal still reads from the start
                }
            }
            assertEquals(300, fresh.next);
            Checker c = new Checker(120);
            try (PacketJournal.Reader r = journal.reader("p")) {
                while (r.next(c)) {
                    // resumes at 121
                }
            }
            assertEquals(300, c.next);
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 300, 400, 37);
            }
            try (PacketJournal.Reader r = journal.reader("fresh")) {
                Checker more = new Checker(0);
                while (r.next(more)) {
                    // no checkpoint was stored for "fresh": from the start again, including the new frames
                }
                assertEquals(400, more.next);
            }
        }
    }

    @Test
    void readsAcrossAnHourlyRoll() throws Exception {
        AtomicLong millis = new AtomicLong(Instant.parse("2026-12-02T10:59:00Z").toEpochMilli());
        InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
        try (PacketJournal journal = PacketJournal.open(dir, clock)) {
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 0, 50, 0);
                millis.addAndGet(TimeUnit.MINUTES.toMillis(2));
                appendFrames(a, 50, 120, 0);
            }
            Checker c = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("roll")) {
                for (int i = 0; i < 40; i++) {
                    assertTrue(r.next(c));
                }
                r.checkpoint();
            }
            try (PacketJournal.Reader r = journal.reader("roll")) {
                while (r.next(c)) {
                    // continues from 40 across the roll at frame 50
                }
            }
            assertEquals(120, c.next);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> cycles = files.map(p -> p.getFileName().toString()).filter(s -> s.endsWith(".cq4"))
                    .sorted().toList();
            assertEquals(List.of("20261202-10F.cq4", "20261202-11F.cq4"), cycles);
        }
    }

    @Test
    void frameAppendedOnCaptureThreadIsReadOnProcessingThread() throws Exception {
        int n = 20_000;
        try (PacketJournal journal = PacketJournal.open(dir)) {
            PacketJournal.Appender appender = journal.appender();
            PacketJournal.Reader reader = journal.reader("processing");
            CompletableFuture<Integer> processing = CompletableFuture.supplyAsync(() -> {
                Checker c = new Checker(0);
                IdleBackoff backoff = IdleBackoff.defaults();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (c.next < n && System.nanoTime() < deadline) {
                    if (reader.next(c)) {
                        backoff.reset();
                    } else {
                        backoff.idle();
                    }
                }
                return c.next;
            });
            Thread capture = new Thread(() -> {
                byte[] buf = new byte[65_535];
                for (int i = 0; i < n; i++) {
                    int len = Frames.size(i);
                    Frames.fill(i, buf, 0, len);
                    appender.append(Frames.nanos(i), Frames.source(i), Frames.link(i), Frames.wire(i, len), buf, 0,
                            len);
                    if (i % 1000 == 0) {
                        Thread.yield();
                    }
                }
            }, "capture");
            capture.start();
            capture.join();
            assertEquals(n, processing.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void readerNamesAreSafeFileNamesAndUnique() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            for (String bad : new String[] {"", "../x", "a/b", ".hidden", "..", "a\\b", "x y"}) {
                assertThrows(IllegalArgumentException.class, () -> journal.reader(bad), bad);
            }
            try (PacketJournal.Reader r = journal.reader("one")) {
                assertThrows(IllegalStateException.class, () -> journal.reader("one"));
                assertFalse(r.next((i, t, s, l, w, b, o, n) -> { }));
            }
            journal.reader("one").close();
        }
    }

    @Test
    void oversizedFrameIsStoredTruncatedWithItsWireLength() throws Exception {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender()) {
                a.append(42L, 1, 1, big.length, big, 0, big.length);
            }
            List<byte[]> got = new ArrayList<>();
            long[] wire = new long[1];
            try (PacketJournal.Reader r = journal.reader("big")) {
                assertTrue(r.next((i, t, s, l, w, b, o, n) -> {
                    got.add(Arrays.copyOfRange(b, o, o + n));
                    wire[0] = w;
                }));
            }
            assertEquals(300_000, wire[0]);
            assertArrayEquals(Arrays.copyOf(big, 262_144), got.get(0));
            assertEquals(1, journal.counters().get("frames-truncated"));
        }
    }

    @Test
    void unknownCheckpointRestartsFromTheOldestFrameAndIsCounted() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 0, 50, 0);
            }
            Path cp = Files.createDirectories(dir.resolve("readers")).resolve("lost.checkpoint");
            Files.writeString(cp, (journal.lastIndex() + 1_000_000L) + "\n");
            Checker c = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("lost")) {
                while (r.next(c)) {
                    // from the start: nothing is skipped
                }
            }
            assertEquals(50, c.next);
            assertEquals(1L, journal.counters().get("checkpoint-not-found"));

            Files.writeString(dir.resolve("readers").resolve("garbled.checkpoint"), "12x\n");
            assertThrows(java.io.UncheckedIOException.class, () -> journal.reader("garbled"));
            journal.reader("garbled-not").close();
        }
    }

    @Test
    void excerptTooShortForTheFrameHeaderIsSkippedAndCounted() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 0, 3, 0);
            }
            try (net.openhft.chronicle.queue.ChronicleQueue q = net.openhft.chronicle.queue.ChronicleQueue
                    .singleBuilder(dir).rollCycle(net.openhft.chronicle.queue.RollCycles.FAST_HOURLY).build();
                 net.openhft.chronicle.queue.ExcerptAppender raw = q.createAppender();
                 net.openhft.chronicle.wire.DocumentContext dc = raw.writingDocument()) {
                dc.wire().bytes().writeInt(7);
            }
            try (PacketJournal.Appender a = journal.appender()) {
                appendFrames(a, 3, 6, 0);
            }
            Checker c = new Checker(0);
            try (PacketJournal.Reader r = journal.reader("skip")) {
                while (r.next(c)) {
                    // the 4-byte excerpt is not a frame
                }
            }
            assertEquals(6, c.next);
            assertEquals(1L, journal.counters().get("excerpts-malformed"));
        }
    }

    @Test
    void batchedAppenderDeliversEveryFrameInOrderOnceFlushedInFewerExcerpts() throws Exception {
        int n = 20_000;
        try (PacketJournal journal = PacketJournal.open(dir)) {
            PacketJournal.Appender a = journal.appender(64);
            appendFrames(a, 0, n - 5, 13);
            Checker checker = new Checker(0).batched();
            try (PacketJournal.Reader r = journal.reader("batched")) {
                while (r.next(checker)) {
                    // checked in the handler
                }
                int beforeFlush = checker.next;
                assertTrue(beforeFlush < n - 5, "the open batch is not in the journal yet: " + beforeFlush);
                assertTrue(beforeFlush > 0, "full batches are");
                appendFrames(a, n - 5, n, 13);
                a.flush();
                while (r.next(checker)) {
                    // the rest
                }
                assertEquals(n, checker.next);
                assertEquals(journal.lastIndex(), r.lastDeliveredIndex());
                assertFalse(r.next(checker));
            }
            a.close();
            assertEquals(n, journal.counters().get("frames-appended"));
            assertEquals(n, journal.counters().get("frames-read"));
            assertEquals(0, journal.counters().get("excerpts-malformed"));
            assertTrue(journal.lastIndex() - journal.firstIndex() < n / 16,
                    "batches: " + (journal.lastIndex() - journal.firstIndex() + 1) + " excerpts for " + n + " frames");
        }
    }

    @Test
    void checkpointInsideABatchResumesAtItsNextUndeliveredFrame() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender(100)) {
                appendFrames(a, 0, 1000, 0);
            }
            Checker first = new Checker(0).batched();
            try (PacketJournal.Reader r = journal.reader("decoder")) {
                for (int i = 0; i < 250; i++) {
                    assertTrue(r.next(first));
                }
                r.checkpoint();
                for (int i = 0; i < 30; i++) {
                    assertTrue(r.next(first)); // delivered but not checkpointed: must come again after a restart
                }
            }
            String stored = Files.readString(dir.resolve("readers").resolve("decoder.checkpoint")).trim();
            assertTrue(stored.matches("\\d+ \\d+"), "index and frames delivered of a batch: " + stored);
            Checker resumed = new Checker(250).batched();
            try (PacketJournal.Reader r = journal.reader("decoder")) {
                while (r.next(resumed)) {
                    // frame 250 first (checked by the handler), then the rest, once each
                }
                assertEquals(1000, resumed.next);
                r.checkpoint();
            }
            assertEquals(1000 + 30, journal.counters().get("frames-read"));
            Checker none = new Checker(1000).batched();
            try (PacketJournal.Reader r = journal.reader("decoder")) {
                assertFalse(r.next(none), "checkpoint after the last frame of the last batch: nothing left");
            }
        }
    }

    @Test
    void batchWhoseLengthsDoNotAddUpIsCountedAndReadingGoesOn() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir)) {
            try (PacketJournal.Appender a = journal.appender(8)) {
                appendFrames(a, 0, 8, 0);
            }
            try (net.openhft.chronicle.queue.ChronicleQueue q = net.openhft.chronicle.queue.ChronicleQueue
                    .singleBuilder(dir).rollCycle(net.openhft.chronicle.queue.RollCycles.FAST_HOURLY).build();
                 net.openhft.chronicle.queue.ExcerptAppender raw = q.createAppender();
                 net.openhft.chronicle.wire.DocumentContext dc = raw.writingDocument()) {
                net.openhft.chronicle.bytes.Bytes<?> b = dc.wire().bytes();
                b.writeLong(0x8000_0000_5342_0001L); // batch marker
                b.writeInt(2);
                b.writeLong(1L).writeInt(0).writeInt(1).writeInt(60).writeInt(60); // claims 60 bytes, has 4
                b.writeInt(0xDEAD);
            }
            try (PacketJournal.Appender a = journal.appender(8)) {
                appendFrames(a, 8, 16, 0);
            }
            Checker c = new Checker(0).batched();
            try (PacketJournal.Reader r = journal.reader("skip")) {
                while (r.next(c)) {
                    // the broken batch delivers nothing
                }
            }
            assertEquals(16, c.next);
            assertEquals(1L, journal.counters().get("excerpts-malformed"));
        }
    }
}
