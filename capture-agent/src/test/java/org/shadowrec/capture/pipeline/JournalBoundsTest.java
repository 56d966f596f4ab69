package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.capture.source.PcapFileSource;
import org.shadowrec.storage.api.JournalConfig;
import org.shadowrec.testpcaps.gen.CaptureGenerator;
import org.shadowrec.testpcaps.gen.CaptureOptions;

/**
 * The packet journal's retention and disk bound, through the whole pipeline: journal files that processing has
 * passed and no open call needs are deleted while it runs, without changing a single recorded byte; and a journal at
 * its bound drops (and reports) what it cannot store while the run goes on.
 */
class JournalBoundsTest {
    @TempDir
    Path tmp;

    private Path capture;

    @BeforeEach
    void generate() throws Exception {
        capture = tmp.resolve("calls.pcap");
        // 40 calls of 20 s, one starting every 400 ms: about 80 000 packets (more than one checkpoint interval),
        // 18 MB, calls open across many minutes of the journal clock below
        CaptureGenerator.write(CaptureOptions.builder().calls(40).seconds(20).staggerMillis(400).seed(9).build(),
                capture);
    }

    @Test
    void journal_files_behind_processing_and_open_calls_are_deleted_and_recordings_do_not_change() throws Exception {
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        Replays.replay(reference, tmp, capture);

        // a clock that moves one second per look: the minutely journal rolls every 60 appends of a batch
        AtomicLong looks = new AtomicLong();
        InstantSource clock = () -> Instant.parse("2026-12-02T00:00:00Z").plusSeconds(looks.incrementAndGet());
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path journalDir = tmp.resolve("journal");
        PipelineConfig config = PipelineConfig.defaults(out, journalDir).withJournalClock(clock)
                .withJournal(JournalConfig.defaults().withRoll(JournalConfig.Roll.MINUTELY));
        RunResult r = new Pipeline(config, List.of(PcapFileSource.open(capture)), "shutdown").run();

        assertEquals(40, r.recordings());
        long deleted = r.counters().get("journal.cycles-deleted");
        assertTrue(deleted > 0, "journal files deleted while running: " + r.counters());
        try (Stream<Path> s = Files.list(journalDir)) {
            long left = s.filter(p -> p.toString().endsWith(".cq4")).count();
            assertTrue(left < deleted, left + " journal files left, " + deleted + " deleted");
        }
        for (Path ref : Replays.recordings(reference)) {
            Path got = out.resolve(ref.getFileName());
            assertArrayEquals(Files.readAllBytes(ref.resolve("audio.wav")), Files.readAllBytes(got.resolve("audio.wav")));
            assertArrayEquals(Files.readAllBytes(ref.resolve("recording.json")),
                    Files.readAllBytes(got.resolve("recording.json")));
        }
    }

    @Test
    void a_journal_at_its_bound_drops_and_reports_what_it_cannot_store_and_the_run_goes_on() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        PipelineConfig config = PipelineConfig.defaults(out, tmp.resolve("journal"))
                .withJournal(JournalConfig.defaults().withMaxBytes(2L << 20));
        RunResult r = new Pipeline(config, List.of(PcapFileSource.open(capture)), "shutdown").run();

        long dropped = r.counters().get("journal.frames-dropped-journal-full");
        long appended = r.counters().get("journal.frames-appended");
        long read = r.counters().get("source.frames");
        assertTrue(dropped > 0, r.counters().toString());
        assertEquals(read + 2, appended + dropped, "every frame stored or counted (+ the two markers)");
        assertEquals(appended, r.counters().get("journal.frames-read"), "processing read all that was stored");
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("was full") && p.contains(dropped + " captured")),
                r.problems().toString());
        assertTrue(r.recordings() > 0, "calls within what was stored are recorded");
    }
}
