package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.JournalConfig;
import org.shadowrec.storage.api.PacketJournal;

/**
 * Retention of whole cycle files (restart index + reader checkpoints) and the disk bounds of the packet journal, on
 * real Chronicle queues in a temporary directory, with a test clock that moves across five-minute cycles.
 */
class JournalRetentionTest {
    private static final long FIVE_MINUTES = TimeUnit.MINUTES.toMillis(5);

    @TempDir
    Path dir;

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    private static JournalConfig fiveMinutely() {
        return JournalConfig.defaults().withRoll(JournalConfig.Roll.FIVE_MINUTELY).withMinFree(0, 0);
    }

    /** Frame number i: capture time i, {@code size} bytes, the first four hold i, the rest derive from it. */
    private static void append(PacketJournal.Appender a, int from, int to, int size) {
        byte[] buf = new byte[size];
        for (int i = from; i < to; i++) {
            fill(i, buf, size);
            a.append(i, 1, 1, size, buf, 0, size);
        }
    }

    private static void fill(int i, byte[] buf, int size) {
        buf[0] = (byte) (i >>> 24);
        buf[1] = (byte) (i >>> 16);
        buf[2] = (byte) (i >>> 8);
        buf[3] = (byte) i;
        for (int j = 4; j < size; j++) {
            buf[j] = (byte) (i * 31 + j);
        }
    }

    /** Collects delivered frame numbers and indexes, checking each frame's bytes against its number. */
    private static final class Collect implements FrameHandler {
        final List<Integer> frames = new ArrayList<>();
        final List<Long> indexes = new ArrayList<>();
        private byte[] want = new byte[0];

        @Override
        public void frame(long index, long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf,
                          int off, int len) {
            int i = (int) captureNanos;
            if (want.length < len) {
                want = new byte[len];
            }
            fill(i, want, len);
            assertTrue(java.util.Arrays.equals(want, 0, len, buf, off, off + len), "bytes of frame " + i);
            frames.add(i);
            indexes.add(index);
        }

        long indexOf(int frame) {
            return indexes.get(frames.indexOf(frame));
        }

        int last() {
            return frames.get(frames.size() - 1);
        }
    }

    private static Collect readAll(PacketJournal.Reader r) {
        Collect c = new Collect();
        while (r.next(c)) {
            // collect
        }
        return c;
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(s -> s.endsWith(".cq4")).sorted().toList();
        }
    }

    /** Five cycles of 100 frames each (frames 100c .. 100c+99 in cycle c), 10:00 .. 10:20. */
    private Collect fiveCycles(PacketJournal journal) {
        try (PacketJournal.Appender a = journal.appender()) {
            for (int c = 0; c < 5; c++) {
                append(a, c * 100, c * 100 + 100, 300);
                if (c < 4) {
                    millis.addAndGet(FIVE_MINUTES);
                }
            }
        }
        try (PacketJournal.Reader r = journal.reader("index-map")) {
            Collect all = readAll(r);
            assertEquals(500, all.frames.size());
            return all;
        }
    }

    @Test
    void deletesOnlyCyclesThatEveryCheckpointAndTheRestartIndexPassedAndNeverTheNewest() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir, clock, fiveMinutely())) {
            Collect all = fiveCycles(journal);
            journal.forgetReader("index-map"); // never checkpointed: forgetting it changes nothing
            assertEquals(List.of("20261202-1000V.cq4", "20261202-1005V.cq4", "20261202-1010V.cq4",
                    "20261202-1015V.cq4", "20261202-1020V.cq4"), cycleFiles());

            PacketJournal.Reader slow = journal.reader("slow");
            for (int i = 0; i < 250; i++) {
                assertTrue(slow.next((x, t, s, l, w, b, o, n) -> { }));
            }
            slow.checkpoint(); // at frame 249, cycle 2
            slow.close();
            PacketJournal.Reader proc = journal.reader("proc");
            for (int i = 0; i < 351; i++) {
                assertTrue(proc.next((x, t, s, l, w, b, o, n) -> { }));
            }
            proc.checkpoint(); // at frame 350, cycle 3
            assertEquals(5, cycleFiles().size(), "no restart index told yet: nothing deleted");
            assertEquals(0L, journal.counters().get("cycles-deleted"));

            // The restart index (frame 150, cycle 1) is older than both checkpoints: only cycle 0 goes.
            assertEquals(1, journal.retainFrom(all.indexOf(150)));
            assertEquals(List.of("20261202-1005V.cq4", "20261202-1010V.cq4", "20261202-1015V.cq4",
                    "20261202-1020V.cq4"), cycleFiles());
            assertEquals(all.indexOf(100), journal.firstIndex());

            // The restart index moves to cycle 4; the slow reader's checkpoint (cycle 2) now decides: cycle 1 goes.
            assertEquals(1, journal.retainFrom(all.indexOf(480)));
            assertEquals(all.indexOf(200), journal.firstIndex());
            assertEquals(2L, journal.counters().get("cycles-deleted"));

            // A reader open without a checkpoint would re-read from the start: it keeps everything while open.
            try (PacketJournal.Reader tool = journal.reader("tool")) {
                assertTrue(tool.next((x, t, s, l, w, b, o, n) -> { }));
                assertTrue(journal.forgetReader("slow"));
                assertEquals(0, journal.retainFrom(all.indexOf(480)));
            }
            // Without it and without "slow", proc's checkpoint (cycle 3) decides.
            assertEquals(1, journal.retainFrom(all.indexOf(480)));
            assertEquals(List.of("20261202-1015V.cq4", "20261202-1020V.cq4"), cycleFiles());

            // Everyone past the end: still the newest cycle (the one appended to) stays.
            while (proc.next((x, t, s, l, w, b, o, n) -> { })) {
                // to the end
            }
            proc.checkpoint(); // runs a pass: the restart index (cycle 4) and proc (cycle 4) passed cycle 3
            assertEquals(List.of("20261202-1020V.cq4"), cycleFiles());
            assertEquals(all.indexOf(400), journal.firstIndex());
            assertEquals(0, journal.retainFrom(Long.MAX_VALUE));
            assertEquals(List.of("20261202-1020V.cq4"), cycleFiles());
            Long deletedBytes = journal.counters().get("bytes-deleted");
            assertTrue(deletedBytes >= 4 * 100 * 300 && deletedBytes < 4 * 100 * 300 + 4 * 200_000,
                    "bytes-deleted is the written part of four cycles of 100 frames of 300 bytes: " + deletedBytes);
            assertEquals(4L, journal.counters().get("cycles-deleted"));

            // A new reader starts at the first retained frame; proc goes on after its checkpoint with new frames.
            try (PacketJournal.Reader fresh = journal.reader("fresh")) {
                Collect c = readAll(fresh);
                assertEquals(PacketJournal.ResumeOutcome.START, fresh.resumeOutcome());
                assertEquals(100, c.frames.size());
                assertEquals(400, c.frames.get(0));
                assertEquals(499, c.last());
            }
            proc.close();
            try (PacketJournal.Appender a = journal.appender()) {
                append(a, 500, 510, 300);
            }
            try (PacketJournal.Reader again = journal.reader("proc")) {
                Collect c = readAll(again);
                assertEquals(PacketJournal.ResumeOutcome.CHECKPOINT, again.resumeOutcome());
                assertEquals(List.of(500, 501, 502, 503, 504, 505, 506, 507, 508, 509), c.frames);
            }
            assertEquals(0L, journal.counters().get("checkpoint-deleted"));
            assertThrows(IllegalArgumentException.class, () -> journal.retainFrom(-1));
        }
    }

    @Test
    void readerResumingFromACheckpointInADeletedCycleStartsAtTheFirstRetainedFrameAndSaysSo() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir, clock, fiveMinutely())) {
            Collect all = fiveCycles(journal);
            try (PacketJournal.Reader old = journal.reader("old")) {
                for (int i = 0; i < 30; i++) {
                    assertTrue(old.next((x, t, s, l, w, b, o, n) -> { }));
                }
                old.checkpoint(); // frame 29, cycle 0
            }
            Path file = dir.resolve("readers").resolve("old.checkpoint");
            String saved = Files.readString(file);
            assertTrue(journal.forgetReader("old"));
            try (PacketJournal.Reader proc = journal.reader("proc")) {
                for (int i = 0; i < 260; i++) {
                    assertTrue(proc.next((x, t, s, l, w, b, o, n) -> { }));
                }
                proc.checkpoint();
            }
            journal.forgetReader("index-map");
            assertEquals(2, journal.retainFrom(all.indexOf(259)));
            // An old checkpoint comes back (restored from a backup, copied from another sensor): its cycle is gone.
            Files.writeString(file, saved);
            try (PacketJournal.Reader old = journal.reader("old")) {
                assertEquals(PacketJournal.ResumeOutcome.NOT_YET, old.resumeOutcome());
                Collect c = readAll(old);
                assertEquals(PacketJournal.ResumeOutcome.CHECKPOINT_DELETED, old.resumeOutcome());
                assertEquals(200, c.frames.get(0), "first retained frame");
                assertEquals(300, c.frames.size());
            }
            assertEquals(1L, journal.counters().get("checkpoint-deleted"));
            assertEquals(0L, journal.counters().get("checkpoint-not-found"));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 64})
    void maxBytesBoundDropsNewFramesCountedAndAppendingResumesAfterRetentionFreesSpace(int framesPerExcerpt)
            throws Exception {
        long maxBytes = 4L << 20;
        int size = 1000;
        try (PacketJournal journal = PacketJournal.open(dir, clock, fiveMinutely().withMaxBytes(maxBytes))) {
            PacketJournal.Appender a = journal.appender(framesPerExcerpt);
            append(a, 0, 2500, size);                  // cycle 0: about 2.5 MB
            millis.addAndGet(FIVE_MINUTES);
            append(a, 2500, 8000, size);               // cycle 1: the bound is reached on the way
            assertTrue(journal.full());
            long dropped = journal.counters().get("frames-dropped-journal-full");
            long appended = journal.counters().get("frames-appended");
            assertTrue(dropped > 2000, "dropped " + dropped);
            assertEquals(8000, appended + dropped);
            assertEquals(1L, journal.counters().get("journal-full-episodes"));
            long onDisk = journal.counters().get("bytes-on-disk");
            assertTrue(onDisk >= maxBytes && onDisk < maxBytes + (1 << 20) + 2 * (size + 64) + 65_536,
                    "bytes on disk passes the bound by at most one check interval: " + onDisk);

            a.flush();
            Collect got;
            try (PacketJournal.Reader proc = journal.reader("proc")) {
                got = readAll(proc);
                assertEquals(appended, got.frames.size(), "every frame not dropped is in the journal");
                for (int i = 0; i < got.frames.size(); i++) {
                    assertEquals(i, got.frames.get(i), "the frames kept are the first ones, in order");
                }
                proc.checkpoint();
            }
            assertTrue(journal.full(), "a checkpoint alone frees nothing without a restart index");
            append(a, 8000, 9000, size);
            assertTrue(journal.full());
            assertEquals(9000, journal.counters().get("frames-appended")
                    + journal.counters().get("frames-dropped-journal-full"));

            // The processing side no longer needs cycle 0: it is deleted, the journal is under the bound again.
            assertEquals(1, journal.retainFrom(got.indexOf(2500)));
            long droppedBefore = journal.counters().get("frames-dropped-journal-full");
            append(a, 9000, 11_000, size);
            assertFalse(journal.full());
            long droppedAfter = journal.counters().get("frames-dropped-journal-full");
            assertTrue(droppedAfter - droppedBefore <= 1024, "at most one check interval still dropped");
            a.close();
            try (PacketJournal.Reader proc = journal.reader("proc")) {
                Collect more = readAll(proc);
                assertEquals(10_999, more.last(), "appending resumed: the newest frames are in the journal");
                assertEquals(11_000 - 9000 - (droppedAfter - droppedBefore), more.frames.size());
            }
            assertEquals(1L, journal.counters().get("journal-full-episodes"));
            assertTrue(journal.counters().get("bytes-on-disk") < maxBytes);
        }
    }

    @Test
    void filesystemReserveFromTheUsableSpaceProbeDropsAndResumes() throws Exception {
        long reserve = 8L << 20;
        // A filesystem that holds what the journal's files take by length (Chronicle allocates cycle files in
        // blocks) plus a capacity the test sets: usable space is capacity minus those lengths.
        AtomicLong capacity = new AtomicLong(Long.MAX_VALUE / 2);
        JournalConfig config = fiveMinutely().withMinFree(reserve, 0);
        try (PacketJournal journal = PacketJournal.open(dir, clock, config,
                () -> capacity.get() - lengths(dir))) {
            PacketJournal.Appender a = journal.appender();
            append(a, 0, 100, 500);
            long oneCycle = Files.size(dir.resolve("20261202-1000V.cq4"));
            long others = lengths(dir) - oneCycle;
            capacity.set(others + 3 * oneCycle + reserve - 1); // the third cycle file crosses the reserve
            millis.addAndGet(FIVE_MINUTES);
            append(a, 100, 200, 500);
            assertFalse(journal.full());
            millis.addAndGet(FIVE_MINUTES);
            append(a, 200, 3000, 500);
            assertTrue(journal.full(), "three cycle files leave less than the reserve");
            long dropped = journal.counters().get("frames-dropped-journal-full");
            assertTrue(dropped >= 3000 - 200 - 1025 && dropped < 3000 - 200, "dropped " + dropped);
            assertEquals(3000, journal.counters().get("frames-appended") + dropped);

            long restart;
            try (PacketJournal.Reader proc = journal.reader("proc")) {
                Collect got = readAll(proc);
                proc.checkpoint();
                restart = got.indexOf(200);
            }
            assertEquals(2, journal.retainFrom(restart));
            append(a, 3000, 5000, 500);
            assertFalse(journal.full(), "space is back after the retention pass");
            a.close();
            try (PacketJournal.Reader proc = journal.reader("proc")) {
                assertEquals(4999, readAll(proc).last());
            }
            assertEquals(1L, journal.counters().get("journal-full-episodes"));
        }
    }

    private static long lengths(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long sum = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                try {
                    sum += Files.size(p);
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted meanwhile
                }
            }
            return sum;
        }
    }

    @Test
    void rollIsConfigurableByNameAndMinutelyFilesAreReadAcross() throws Exception {
        assertEquals(JournalConfig.Roll.FIVE_MINUTELY, JournalConfig.Roll.parse("five-minutely"));
        assertEquals(JournalConfig.Roll.HALF_HOURLY, JournalConfig.Roll.parse(" Half_Hourly "));
        assertEquals("ten-minutely", JournalConfig.Roll.TEN_MINUTELY.configName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalConfig.Roll.parse("fortnightly"));
        assertTrue(e.getMessage().contains("five-minutely"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JournalConfig.defaults().withMaxBytes(1000));

        JournalConfig minutely = JournalConfig.defaults().withRoll(JournalConfig.Roll.MINUTELY).withMinFree(0, 0);
        try (PacketJournal journal = PacketJournal.open(dir, clock, minutely)) {
            assertEquals(JournalConfig.Roll.MINUTELY, journal.roll());
            try (PacketJournal.Appender a = journal.appender()) {
                for (int m = 0; m < 3; m++) {
                    append(a, m * 10, m * 10 + 10, 100);
                    millis.addAndGet(TimeUnit.MINUTES.toMillis(1));
                }
            }
            try (PacketJournal.Reader r = journal.reader("m")) {
                Collect c = readAll(r);
                assertEquals(30, c.frames.size());
                r.checkpoint();
                assertEquals(2, journal.retainFrom(c.indexOf(29)));
            }
        }
        assertEquals(List.of("20261202-1002.cq4"), cycleFiles());
    }

    @Test
    void retentionFromAnIoThreadWhileCaptureAppendsAcrossCyclesAndProcessingReadsLosesNothing() throws Exception {
        int n = 60_000;
        try (PacketJournal journal = PacketJournal.open(dir, clock, fiveMinutely())) {
            PacketJournal.Appender appender = journal.appender();
            PacketJournal.Reader reader = journal.reader("processing");
            AtomicLong restart = new AtomicLong(-1);
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CompletableFuture<Collect> processing =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        Collect c = new Collect();
                        org.shadowrec.storage.api.IdleBackoff idle = org.shadowrec.storage.api.IdleBackoff.defaults();
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                        while (c.frames.size() < n && System.nanoTime() < deadline) {
                            if (reader.next(c)) {
                                idle.reset();
                                if (c.frames.size() % 1000 == 0) {
                                    reader.checkpoint();
                                    // an open call started 3000 frames ago still needs its frames
                                    restart.set(c.indexes.get(Math.max(0, c.frames.size() - 3000)));
                                }
                            } else {
                                idle.idle();
                            }
                        }
                        return c;
                    });
            Thread io = new Thread(() -> {
                while (!done.get()) {
                    long r = restart.get();
                    if (r >= 0) {
                        journal.retainFrom(r);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }, "io");
            io.start();
            Thread capture = new Thread(() -> {
                byte[] buf = new byte[200];
                for (int i = 0; i < n; i++) {
                    fill(i, buf, 200);
                    appender.append(i, 1, 1, 200, buf, 0, 200);
                    if (i % 2000 == 1999) {
                        millis.addAndGet(TimeUnit.MINUTES.toMillis(1)); // a new cycle file every 10 000 frames
                    }
                }
            }, "capture");
            capture.start();
            capture.join();
            Collect c = processing.get(120, TimeUnit.SECONDS);
            done.set(true);
            io.join();
            assertEquals(n, c.frames.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, c.frames.get(i), "every frame once, in order");
            }
            assertEquals(0L, journal.counters().get("frames-dropped-journal-full"));
            assertEquals(0L, journal.counters().get("retention-errors"));
            long deleted = journal.counters().get("cycles-deleted");
            assertTrue(deleted >= 3 && deleted <= 5, "cycles deleted while running: " + deleted);
            assertTrue(cycleFiles().size() >= 1 && cycleFiles().size() <= 3, cycleFiles().toString());
        }
    }

    @Test
    void fullStateIsLoggedOnceOnEntryOnceOnExitWithTheDropCountAndNeverPerFrame() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.shadowrec.storage.internal.JournalSpace.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (PacketJournal journal = PacketJournal.open(dir, clock, fiveMinutely().withMaxBytes(2L << 20))) {
            PacketJournal.Appender a = journal.appender();
            append(a, 0, 1500, 1000);
            millis.addAndGet(FIVE_MINUTES);
            append(a, 1500, 20_000, 1000);             // full after about 2100 frames, then 17 000 more dropped
            assertTrue(journal.full());
            long dropped = journal.counters().get("frames-dropped-journal-full");
            assertEquals(1, logged.list.size(), "one line on entry, no reminder within 10 s: " + logged.list);
            assertEquals(ch.qos.logback.classic.Level.ERROR, logged.list.get(0).getLevel());
            assertTrue(logged.list.get(0).getFormattedMessage().contains("FULL"));
            Collect got;
            try (PacketJournal.Reader proc = journal.reader("proc")) {
                got = readAll(proc);
                proc.checkpoint();
            }
            journal.retainFrom(got.indexOf(1500));
            append(a, 20_000, 21_100, 1000);
            assertFalse(journal.full());
            long total = journal.counters().get("frames-dropped-journal-full");
            assertTrue(total >= dropped);
            assertEquals(2, logged.list.size(), logged.list.toString());
            String exit = logged.list.get(1).getFormattedMessage();
            assertTrue(exit.contains("appending again") && exit.contains(total + " frames dropped"), exit);
            a.close();
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aFailingUsableSpaceProbeIsCountedAndKeepsThePreviousAnswer() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicLong usable = new AtomicLong(1L << 40);
        JournalConfig config = fiveMinutely().withMinFree(1L << 30, 0);
        try (PacketJournal journal = PacketJournal.open(dir, clock, config, () -> {
            if (failing.get()) {
                throw new IOException("statvfs failed");
            }
            return usable.get();
        })) {
            PacketJournal.Appender a = journal.appender();
            append(a, 0, 2000, 100);
            failing.set(true);
            append(a, 2000, 5000, 100);
            assertFalse(journal.full(), "a failing probe does not make the journal full");
            long errors = journal.counters().get("disk-probe-errors");
            assertTrue(errors >= 2, "probe errors " + errors);
            failing.set(false);
            usable.set(1L << 20);                       // below the 1 GiB reserve
            append(a, 5000, 7000, 100);
            assertTrue(journal.full());
            failing.set(true);
            append(a, 7000, 9000, 100);
            assertTrue(journal.full(), "nor does it end a full state");
            assertEquals(9000, journal.counters().get("frames-appended")
                    + journal.counters().get("frames-dropped-journal-full"));
            a.close();
        }
    }

    @Test
    void reopeningWithAnotherRollKeepsTheRollTheJournalWasCreatedWith() throws Exception {
        try (PacketJournal journal = PacketJournal.open(dir, clock, fiveMinutely())) {
            try (PacketJournal.Appender a = journal.appender()) {
                append(a, 0, 10, 100);
            }
        }
        millis.addAndGet(FIVE_MINUTES);
        try (PacketJournal journal = PacketJournal.open(dir, clock, JournalConfig.defaults().withMinFree(0, 0))) {
            assertEquals(JournalConfig.Roll.HOURLY, journal.config().roll());
            assertEquals(JournalConfig.Roll.FIVE_MINUTELY, journal.roll(), "Chronicle keeps the journal's own roll");
            try (PacketJournal.Appender a = journal.appender()) {
                append(a, 10, 20, 100);
            }
            try (PacketJournal.Reader r = journal.reader("r")) {
                Collect c = readAll(r);
                assertEquals(20, c.frames.size());
                r.checkpoint();
                assertEquals(1, journal.retainFrom(c.indexOf(19)));
            }
        }
        assertEquals(List.of("20261202-1005V.cq4"), cycleFiles(), "still five-minutely files");
    }

    @Test
    void defaultsAreHourlyWithAOneGibibyteOrFivePercentReserve() {
        JournalConfig d = JournalConfig.defaults();
        assertEquals(JournalConfig.Roll.HOURLY, d.roll());
        assertEquals(Long.MAX_VALUE, d.maxBytes());
        assertEquals(1L << 30, d.minFreeBytes());
        assertEquals(5, d.minFreePercent());
    }
}
