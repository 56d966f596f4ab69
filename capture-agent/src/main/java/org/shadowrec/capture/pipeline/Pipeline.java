package org.shadowrec.capture.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.shadowrec.capture.api.CaptureException;
import org.shadowrec.capture.api.PacketSource;
import org.shadowrec.capture.source.PcapFileSource;
import org.shadowrec.storage.api.IdleBackoff;
import org.shadowrec.storage.api.JournalMarker;
import org.shadowrec.storage.api.JournalPosition;
import org.shadowrec.storage.api.PacketJournal;
import org.shadowrec.storage.api.RecordingStore;
import org.shadowrec.storage.api.RecordingStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: sources → packet journal → processing → recordings. The capture thread only appends frames to the
 * journal; the processing thread tails it and owns every piece of call state. {@link #stop()} may be called from any
 * thread (a signal handler): capture stops, processing drains the journal, open recordings complete with the
 * configured end reason.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final int CHECKPOINT_EVERY_FRAMES = 1 << 16;
    /** A checkpoint is also stored after this long without frames (a quiet live sensor). */
    private static final long IDLE_CHECKPOINT_NANOS = 1_000_000_000L;
    /** Longest time processing goes on reading the journal after a stop. */
    private static final long STOP_DRAIN_NANOS = 2_000_000_000L;
    /** Name of the processing thread's journal reader (its checkpoint file). */
    static final String READER = "processor";
    /**
     * Frames per journal excerpt when every source is a file: a file never falls idle with frames held back, and
     * Chronicle's cost per excerpt is then paid once per batch. Live sources write each frame at once.
     */
    private static final int FILE_FRAMES_PER_EXCERPT = 64;

    private final PipelineConfig config;
    private final List<PacketSource> sources;
    private final String endReason;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<PacketSource> current = new AtomicReference<>();

    private volatile java.util.function.Consumer<PacketSource> onCaptureStart = s -> { };
    private volatile boolean stopping;
    private volatile boolean captureEnding;
    /** System.nanoTime() when processing first saw the stop; processing thread only. */
    private long stopRequestedAt;
    private volatile boolean captureDone;
    private volatile long captured;
    private volatile long processed;
    private volatile int openSessions;

    /**
     * @param endReason end reason of recordings still open when input ends ({@code shutdown})
     */
    public Pipeline(PipelineConfig config, List<PacketSource> sources, String endReason) {
        this.config = config;
        this.sources = List.copyOf(sources);
        this.endReason = endReason;
    }

    /** Frames appended to the journal so far (any thread). */
    public long captured() {
        return captured;
    }

    /** Frames processed so far (any thread). */
    public long processed() {
        return processed;
    }

    /** Sessions open at the last progress update (any thread). */
    public int openSessions() {
        return openSessions;
    }

    /** The source being read now, or null (any thread). */
    public PacketSource currentSource() {
        return current.get();
    }

    /** Called on the capture thread just before each source starts delivering frames (for a "capturing" notice). */
    public void onCaptureStart(java.util.function.Consumer<PacketSource> callback) {
        this.onCaptureStart = callback;
    }

    /**
     * Ask the run to end: capture stops, what was captured is processed, calls still up are left open for the next
     * run on the same journal to continue (see {@link #run()}). Any thread (a signal handler).
     */
    public void stop() {
        stop(true);
    }

    private void stop(boolean interrupt) {
        if (interrupt) {
            stopping = true;
        } else {
            captureEnding = true;
        }
        PacketSource s = current.get();
        if (s != null) {
            s.breakLoop();
        }
    }

    /**
     * Runs to the end of input (or {@link #stop()}), on the calling thread plus one capture thread.
     *
     * <p>Processing resumes where the journal's checkpoint says: after a crash or a stop, frames are read again from
     * the first frame of the oldest call that was still open, so those calls are rebuilt into the same recordings
     * (the store never writes a completed one twice). A replay whose journal already holds part of the same files
     * continues them at the first frame not journalled yet.
     *
     * @throws JournalMismatchException when replaying files into a journal that holds a replay of other files
     */
    public RunResult run() throws IOException {
        long started = System.nanoTime();
        boolean files = !sources.isEmpty() && sources.stream().allMatch(PcapFileSource.class::isInstance);
        try (PacketJournal journal = PacketJournal.open(config.journalDir(), config.journalClock(),
                config.journal());
             RecordingStore store = new RecordingStore(config.outDir(), RecordingStoreConfig.defaults(), true)) {
            long[] skip = files ? ReplayResume.framesJournalled(journal, sources) : new long[sources.size()];
            boolean resumed = files && java.util.Arrays.stream(skip).anyMatch(n -> n > 0);
            UndecodedCodecs undecoded = new UndecodedCodecs(store);
            Processor processor = new Processor(config, undecoded);
            Map<String, Long> sourceStats = new TreeMap<>();
            Thread capture = new Thread(() -> capture(journal, sourceStats, files, skip, resumed),
                    "shadowrec-capture");
            capture.setDaemon(true);
            capture.start();
            boolean interrupted;
            try (PacketJournal.Reader reader = journal.reader(READER)) {
                try {
                    process(journal, reader, processor, store);
                } finally {
                    stop(false);
                    join(capture);
                }
                interrupted = stopping;
                if (interrupted) {
                    // A stop (signal): calls still up are not completed; the checkpoint goes back to the first frame
                    // of the oldest, so the next run rebuilds them into the same recordings and continues them.
                    processor.flushOpen(); // unfinished WAVs playable up to here
                    JournalPosition restart = restartPosition(reader, processor);
                    store.close();
                    reader.store(restart);
                    retain(journal, restart);
                } else {
                    processor.finish(endReason);
                    store.close(); // every completed recording is durable before the checkpoint passes it
                    reader.checkpoint();
                    retain(journal, reader.position());
                }
            }
            Map<String, Long> counters = new TreeMap<>();
            synchronized (sourceStats) {
                sourceStats.forEach((k, v) -> counters.put("source." + k, v));
            }
            counters.putAll(processor.counters());
            Map<String, Long> journalCounters = journal.counters();
            journalCounters.forEach((k, v) -> counters.put("journal." + k, v));
            long full = journalCounters.getOrDefault("frames-dropped-journal-full", 0L)
                    + journalCounters.getOrDefault("frames-dropped-journal-error", 0L);
            if (full > 0) {
                problems.add("journal " + config.journalDir() + " was full (disk bound): " + full
                        + " captured frames could not be stored and are not in any recording");
            }
            store.counters().forEach((k, v) -> counters.put("store." + k, v));
            undecoded.streamsByCodec().forEach((k, v) -> counters.put("undecoded-streams." + k, v));
            return new RunResult(processor.frames(), processor.bytes(), store.completed(), counters,
                    List.copyOf(problems), Duration.ofNanos(System.nanoTime() - started), interrupted,
                    processor.openSessions());
        }
    }

    private void capture(PacketJournal journal, Map<String, Long> sourceStats, boolean files, long[] skip,
                         boolean resumed) {
        PacketJournal.Appender appender = journal.appender(files ? FILE_FRAMES_PER_EXCERPT : 1);
        long[] count = new long[1];
        List<String> identities = sources.stream().map(PacketSource::identity).toList();
        String mode = files ? JournalMarker.FILE : JournalMarker.LIVE;
        try {
            marker(appender, new JournalMarker(JournalMarker.CAPTURE_START, mode, resumed, identities));
            for (int i = 0; i < sources.size() && !stopping && !captureEnding; i++) {
                PacketSource source = sources.get(i);
                current.set(source);
                if (stopping || captureEnding) {
                    break;
                }
                int sourceBase = i << 8;
                long[] toSkip = {skip[i]};
                onCaptureStart.accept(source);
                try {
                    source.run((nanos, ifIndex, linkType, wireLength, buf, off, len) -> {
                        if (toSkip[0] > 0) {
                            toSkip[0]--; // journalled by the interrupted run this one resumes
                            return;
                        }
                        int link = JournalMarker.isMarkerLinkType(linkType) ? JournalMarker.FORGED_LINK_TYPE
                                : linkType;
                        appender.append(nanos, sourceBase | (ifIndex & 0xFF), link, wireLength, buf, off, len);
                        if ((++count[0] & 1023) == 0) {
                            captured = count[0];
                        }
                    });
                } catch (CaptureException e) {
                    problems.add(source.name() + ": " + e.getMessage());
                    LOG.error("{}: {}", source.name(), e.getMessage());
                } finally {
                    appender.flush();
                    captured = count[0];
                }
                if (source.problem() != null) {
                    problems.add(source.name() + ": " + source.problem());
                    LOG.warn("{}: {}", source.name(), source.problem());
                }
                synchronized (sourceStats) {
                    source.stats().forEach((k, v) -> sourceStats.merge(k, v, Long::sum));
                }
                current.set(null);
            }
            marker(appender, new JournalMarker(JournalMarker.CAPTURE_STOP, mode, false, identities));
        } catch (RuntimeException e) {
            problems.add("capture thread failed: " + e);
            LOG.error("capture thread failed", e);
        } finally {
            try {
                appender.close(); // writes a batch still held, on the thread that owns the appender
            } catch (RuntimeException e) {
                problems.add("journal append failed: " + e);
                LOG.error("journal append failed", e);
            }
            captured = count[0];
            captureDone = true;
        }
    }

    private static void marker(PacketJournal.Appender appender, JournalMarker m) {
        byte[] b = m.encode();
        appender.append(System.currentTimeMillis() * 1_000_000L, 0, JournalMarker.LINK_TYPE, b.length, b, 0,
                b.length);
        appender.flush();
    }

    private void process(PacketJournal journal, PacketJournal.Reader reader, Processor processor,
                         RecordingStore store) {
        IdleBackoff backoff = IdleBackoff.defaults();
        long sinceCheckpoint = 0;
        long lastCheckpoint = System.nanoTime();
        while (true) {
            boolean done = captureDone;
            if (reader.next(processor)) {
                backoff.reset();
                if (++sinceCheckpoint >= CHECKPOINT_EVERY_FRAMES) {
                    checkpoint(journal, reader, processor, store);
                    sinceCheckpoint = 0;
                    lastCheckpoint = System.nanoTime();
                    processed = processor.frames();
                    openSessions = processor.openSessions();
                } else if ((sinceCheckpoint & 1023) == 0) {
                    processed = processor.frames();
                    if (stopping && drainedLongEnough()) {
                        break; // the rest is in the journal: the next run reads it
                    }
                }
            } else if (done) {
                break;
            } else {
                processed = processor.frames();
                openSessions = processor.openSessions();
                if (sinceCheckpoint > 0 && System.nanoTime() - lastCheckpoint >= IDLE_CHECKPOINT_NANOS) {
                    checkpoint(journal, reader, processor, store);
                    sinceCheckpoint = 0;
                    lastCheckpoint = System.nanoTime();
                }
                backoff.idle();
            }
        }
        processed = processor.frames();
    }

    /**
     * After a stop, processing drains the journal for at most {@link #STOP_DRAIN_NANOS}: whatever it has not read
     * then is read by the next run (the checkpoint goes back to the oldest open call anyway), so a stop never waits
     * for a long backlog.
     */
    private boolean drainedLongEnough() {
        long now = System.nanoTime();
        if (stopRequestedAt == 0) {
            stopRequestedAt = now;
        }
        return now - stopRequestedAt >= STOP_DRAIN_NANOS;
    }

    /**
     * Stores the restart position once the recordings completed so far are durable (on the store's I/O thread, in
     * order behind them): a crash after it loses nothing, a crash before it re-reads a little more.
     */
    private static void checkpoint(PacketJournal journal, PacketJournal.Reader reader, Processor processor,
                                   RecordingStore store) {
        JournalPosition restart = restartPosition(reader, processor);
        store.whenDurable("journal checkpoint", () -> {
            reader.store(restart);
            retain(journal, restart);
        });
    }

    /** Journal cycle files older than the restart point (and every reader's checkpoint) may go. */
    private static void retain(PacketJournal journal, JournalPosition restart) {
        if (restart.index() >= 0) {
            journal.retainFrom(restart.index());
        }
    }

    /** After the last frame delivered, or back at the first frame of the oldest call still open. */
    private static JournalPosition restartPosition(PacketJournal.Reader reader, Processor processor) {
        long oldest = processor.oldestNeeded();
        long last = reader.lastDeliveredIndex();
        return oldest == Long.MAX_VALUE || last < 0 ? reader.position() : reader.startOf(Math.min(oldest, last));
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
