package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.testpcaps.gen.CaptureGenerator;
import org.shadowrec.testpcaps.gen.CaptureOptions;

/**
 * kill -9 in the middle of a replay, several times, each time followed by the same command again: the recordings in
 * the end are byte for byte those of an uninterrupted run, with none written twice and nothing left unfinished.
 * Processing resumes from the journal checkpoint (back at the first frame of the oldest open call); the replay
 * continues at the first frame not journalled yet.
 */
class CrashResumeTest {
    private static final int CALLS = 300;

    @TempDir
    Path tmp;

    @Test
    @Timeout(600)
    void replay_killed_at_several_points_ends_with_the_recordings_of_an_uninterrupted_run() throws Exception {
        interruptAndResume(false, new int[] {-1, 40, 80, 60});
    }

    @Test
    @Timeout(600)
    void replay_stopped_with_sigterm_twice_ends_with_the_recordings_of_an_uninterrupted_run() throws Exception {
        // The first stop comes as soon as the journal holds frames, so it lands while the run is still going on any
        // machine (it may come before a packet was read). The later ones wait for recordings to complete, so calls
        // are open across them; but on a slow disk the store may still be writing those recordings after
        // processing has read everything, and a signal then just lets the run finish: nothing is left to interrupt.
        interruptAndResume(true, new int[] {-1, 1, 5});
    }

    /**
     * Runs the replay, stopping it (SIGTERM, or SIGKILL) once each run has completed the next threshold of
     * recordings (-1: as soon as the journal holds frames), then once more to its end; compares with an
     * uninterrupted run. (A SIGTERM stops capture but lets processing drain what the journal holds.)
     */
    private void interruptAndResume(boolean sigterm, int[] killAt) throws Exception {
        Path capture = tmp.resolve("calls.pcap");
        CaptureGenerator.write(CaptureOptions.builder().calls(CALLS).seconds(12).staggerMillis(60).seed(44).build(),
                capture);
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        RunResult uninterrupted = Replays.replay(reference, tmp, capture);
        assertEquals(CALLS, uninterrupted.recordings());

        Path out = tmp.resolve("out");
        String[] replay = {"replay", capture.toString(), "--out", out.toString(), "--quiet"};
        List<Integer> killedWith = new ArrayList<>();
        int run = 0;
        for (int threshold : killAt) {
            long t0 = System.nanoTime();
            int before = completed(out);
            ShadowrecProcess p = ShadowrecProcess.start(tmp, "run" + run++, replay);
            boolean killed = false;
            while (p.process.isAlive()) {
                if (threshold < 0 ? journalHoldsFrames(out) : completed(out) >= before + threshold) {
                    if (sigterm) {
                        assertEquals(0, p.terminate(), p.output());
                        // the signal may land after the run completed its last recordings: then it just ended
                        killed = p.output().contains("replay interrupted");
                    } else {
                        p.kill();
                        killed = true;
                    }
                    break;
                }
                Thread.sleep(5);
            }
            System.err.printf("run %d: %d ms, killed: %s%n%s%n", run, (System.nanoTime() - t0) / 1_000_000, killed,
                    p.output());
            if (killed) {
                killedWith.add(completed(out));
            } else {
                assertEquals(0, p.process.exitValue(), p.output());
                assertFalse(p.output().contains("replay interrupted"), p.output());
            }
        }
        assertTrue(killedWith.size() >= (sigterm ? 1 : killAt.length - 1),
                "interrupted mid-run, with recordings complete: " + killedWith);
        ShadowrecProcess last = ShadowrecProcess.start(tmp, "final", replay);
        assertTrue(last.process.waitFor(300, TimeUnit.SECONDS), "final run finished");
        assertEquals(0, last.process.exitValue(), last.output());

        assertEquals(names(reference), names(out), "same recordings, none twice, nothing else left");
        for (String id : names(reference)) {
            for (String f : List.of("audio.wav", "recording.json")) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(id).resolve(f)),
                        Files.readAllBytes(out.resolve(id).resolve(f)), id + "/" + f);
            }
            try (Stream<Path> s = Files.list(out.resolve(id))) {
                assertEquals(2, s.count(), id + " holds audio.wav and recording.json only");
            }
        }
        assertFalse(Files.exists(out.resolve(".replay-journal")), "the replay's journal is removed once complete");
    }

    private static boolean journalHoldsFrames(Path out) {
        Path j = out.resolve(".replay-journal");
        if (!Files.isDirectory(j)) {
            return false;
        }
        try (Stream<Path> s = Files.list(j)) {
            return s.anyMatch(p -> p.toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int completed(Path out) {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(out)) {
            return (int) s.filter(p -> Files.exists(p.resolve("recording.json"))).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry of a directory except the hidden ones (the journal), sorted. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
