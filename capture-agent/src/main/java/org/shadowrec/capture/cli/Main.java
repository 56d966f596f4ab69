package org.shadowrec.capture.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shadowrec.capture.api.CaptureException;
import org.shadowrec.capture.api.PacketSource;
import org.shadowrec.capture.pipeline.JournalMismatchException;
import org.shadowrec.capture.pipeline.Pipeline;
import org.shadowrec.capture.pipeline.PipelineConfig;
import org.shadowrec.capture.pipeline.RunResult;
import org.shadowrec.capture.source.LiveCaptureOptions;
import org.shadowrec.capture.source.LivePcapSource;
import org.shadowrec.capture.source.PcapFileSource;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.storage.api.JournalConfig;

/**
 * {@code shadowrec replay FILE... --out DIR} and {@code shadowrec capture --interface IF --out DIR}.
 *
 * <table>
 * <caption>Exit codes</caption>
 * <tr><th>code</th><th>meaning</th></tr>
 * <tr><td>0</td><td>done (a truncated capture file is reported in the summary, its packets before the damage kept)</td></tr>
 * <tr><td>1</td><td>internal error (a bug: please report it with the message)</td></tr>
 * <tr><td>2</td><td>wrong command line</td></tr>
 * <tr><td>3</td><td>an input file cannot be read (missing, no permission, not a pcap/pcapng file)</td></tr>
 * <tr><td>4</td><td>live capture cannot start (unknown interface, no permission, bad filter)</td></tr>
 * </table>
 */
public final class Main {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    static final int CAPTURE_FAILED = 4;

    private static final String USAGE_TEXT = String.join("\n",
            "usage:",
            "  shadowrec replay FILE... --out DIR [options]     pcap/pcapng files -> recordings",
            "  shadowrec capture --interface IF --out DIR [--filter BPF] [--snaplen N] [--buffer-mb N] [options]",
            "                                                   live capture until SIGINT/SIGTERM",
            "options:",
            "  --journal DIR         packet journal directory (replay: DIR/.replay-journal, removed when the replay",
            "                        completes; capture: DIR/.journal)",
            "  --rtp-timeout S       end a call whose RTP stopped for S seconds (default 30)",
            "  --max-duration S      close a recording at S seconds (default 14400)",
            "  --journal-max-mb N    bound the journal's disk use (default: none; the filesystem always keeps",
            "                        1 GiB or 5% free); frames that do not fit are counted and reported",
            "  --journal-roll NAME   journal file period: hourly (default), half-hourly, ten-minutely,",
            "                        five-minutely, minutely...; files older than the oldest open call are deleted",
            "  --quiet               no progress bar",
            "output: DIR/<recording-id>/audio.wav and recording.json (see README.md)");

    /** Directory of a replay's own journal inside the output directory. */
    static final String REPLAY_JOURNAL = ".replay-journal";

    private Main() {}

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. */
    static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            out.println(USAGE_TEXT);
            return argv.length == 0 ? USAGE : OK;
        }
        try {
            switch (argv[0]) {
                case "replay":
                    return replay(Args.parse(argv, 1, Set.of("--out", "--journal", "--rtp-timeout", "--max-duration",
                            "--journal-max-mb", "--journal-roll"),
                            Set.of("--quiet")), out, err);
                case "capture":
                    return capture(Args.parse(argv, 1, Set.of("--out", "--journal", "--rtp-timeout", "--max-duration",
                            "--journal-max-mb", "--journal-roll", "--interface", "--filter", "--snaplen", "--buffer-mb"), Set.of("--quiet")), out, err);
                default:
                    throw new UsageException("unknown command '" + argv[0] + "'");
            }
        } catch (UsageException e) {
            err.println("shadowrec: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (IOException e) {
            err.println("shadowrec: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("shadowrec: internal error: " + e);
            e.printStackTrace(err);
            return INTERNAL;
        }
    }

    private static int replay(Args a, PrintStream out, PrintStream err) throws UsageException, IOException {
        Path outDir = outDir(a);
        if (a.positional().isEmpty()) {
            throw new UsageException("replay needs at least one capture file");
        }
        PipelineConfig settings = config(a, outDir, outDir); // checks the options before any file is opened
        List<PacketSource> sources = new ArrayList<>();
        for (String f : a.positional()) {
            try {
                sources.add(PcapFileSource.open(Path.of(f)));
            } catch (CaptureException e) {
                sources.forEach(PacketSource::close);
                err.println("shadowrec: " + e.getMessage());
                return BAD_INPUT;
            }
        }
        // The replay's own journal lives in the output directory: a replay killed or stopped half-way continues
        // when the same command runs again (the same files into the same directory), and is removed when complete.
        boolean ownJournal = a.get("--journal") == null;
        Path journal = ownJournal ? outDir.resolve(REPLAY_JOURNAL) : Path.of(a.get("--journal"));
        try {
            PipelineConfig config = settings.withJournalDir(journal);
            Pipeline pipeline = new Pipeline(config, sources, "shutdown");
            stopOnSignals(pipeline);
            RunResult result;
            try {
                result = runWithProgress(pipeline, !a.flag("--quiet"), false, err);
            } catch (JournalMismatchException e) {
                if (!ownJournal) {
                    throw e;
                }
                err.println("shadowrec: " + outDir.resolve(REPLAY_JOURNAL) + " held an unfinished replay of other"
                        + " files; it is discarded (replay those files again to finish them)");
                deleteTree(journal);
                pipeline = new Pipeline(config, sources, "shutdown");
                stopOnSignals(pipeline);
                result = runWithProgress(pipeline, !a.flag("--quiet"), false, err);
            }
            Summary.print(out, "replay", result, outDir);
            if (ownJournal && !result.interrupted()) {
                deleteTree(journal);
            }
            return OK;
        } finally {
            sources.forEach(PacketSource::close);
        }
    }

    /**
     * SIGINT/SIGTERM stop the capture; the journal is drained, calls still open stay in the journal for the next
     * run, the summary prints and the exit code is 0. Handled as signals, not a shutdown hook, so the JVM does not
     * start exiting (and report 130/143) while recordings are still being written.
     */
    private static void stopOnSignals(Pipeline pipeline) {
        sun.misc.SignalHandler stop = sig -> pipeline.stop();
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), stop);
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), stop);
    }

    private static int capture(Args a, PrintStream out, PrintStream err) throws UsageException, IOException {
        Path outDir = outDir(a);
        String iface = a.get("--interface");
        if (iface == null) {
            throw new UsageException("capture needs --interface IF");
        }
        int snaplen = a.intValue("--snaplen", 65_535, 64, 262_144);
        int bufferMb = a.intValue("--buffer-mb", 32, 1, 4096);
        PacketSource source;
        try {
            source = LivePcapSource.open(LiveCaptureOptions.of(iface).withFilter(a.get("--filter"))
                    .withSnaplen(snaplen).withBufferBytes(bufferMb * 1024 * 1024));
        } catch (CaptureException e) {
            err.println("shadowrec: " + e.getMessage());
            return CAPTURE_FAILED;
        }
        Path journal = a.get("--journal") != null ? Path.of(a.get("--journal")) : outDir.resolve(".journal");
        PipelineConfig config = config(a, outDir, journal);
        Pipeline pipeline = new Pipeline(config, List.of(source), "shutdown");
        stopOnSignals(pipeline);
        pipeline.onCaptureStart(s -> err.println("shadowrec: capturing on " + s.name() + ", recordings to "
                + outDir.toAbsolutePath() + " (stop with Ctrl-C or SIGTERM)"));
        try {
            RunResult result = runWithProgress(pipeline, !a.flag("--quiet"), true, err);
            Summary.print(out, "capture on " + iface, result, outDir);
            boolean failed = result.problems().stream().anyMatch(p -> p.startsWith(source.name() + ": "))
                    && result.frames() == 0;
            return failed ? CAPTURE_FAILED : OK;
        } finally {
            source.close();
        }
    }

    private static Path outDir(Args a) throws UsageException, IOException {
        String out = a.get("--out");
        if (out == null) {
            throw new UsageException("--out DIR is required");
        }
        Path dir = Path.of(out);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out " + out + " exists and is not a directory");
        }
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write to output directory " + dir.toAbsolutePath());
        }
        return dir;
    }

    private static PipelineConfig config(Args a, Path outDir, Path journal) throws UsageException {
        CorrelatorConfig d = CorrelatorConfig.defaults();
        int rtpTimeout = a.intValue("--rtp-timeout", (int) d.rtpTimeout().toSeconds(), 1, 86_400);
        int maxDuration = a.intValue("--max-duration", (int) d.maxDuration().toSeconds(), 10, 7 * 86_400);
        CorrelatorConfig c = new CorrelatorConfig(Duration.ofSeconds(rtpTimeout), d.signallingTimeout(),
                Duration.ofSeconds(maxDuration), d.byeGrace(), d.maxOpenDialogs(), d.mixer());
        JournalConfig j = JournalConfig.defaults();
        if (a.get("--journal-max-mb") != null) {
            j = j.withMaxBytes(a.intValue("--journal-max-mb", 0, 1, Integer.MAX_VALUE) * (1L << 20));
        }
        if (a.get("--journal-roll") != null) {
            try {
                j = j.withRoll(JournalConfig.Roll.parse(a.get("--journal-roll")));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--journal-roll: " + e.getMessage());
            }
        }
        return PipelineConfig.defaults(outDir, journal).withCorrelator(c).withJournal(j);
    }

    private static RunResult runWithProgress(Pipeline pipeline, boolean progress, boolean live, PrintStream err)
            throws IOException {
        Progress bar = progress && System.console() != null ? new Progress(pipeline, live, err) : null;
        if (bar != null) {
            bar.start();
        }
        try {
            return pipeline.run();
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover temporary file is harmless; the summary already went out
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
