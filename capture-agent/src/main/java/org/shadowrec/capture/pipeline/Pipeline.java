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

    /** Ask the run to end: capture stops, what was captured is processed. Any thread. */
    public void stop() {
        stopping = true;
        PacketSource s = current.get();
        if (s != null) {
            s.breakLoop();
        }
    }

    /** Runs to the end of input (or {@link #stop()}), on the calling thread plus one capture thread. */
    public RunResult run() throws IOException {
        long started = System.nanoTime();
        try (PacketJournal journal = PacketJournal.open(config.journalDir());
             RecordingStore store = new RecordingStore(config.outDir(), RecordingStoreConfig.defaults(), true)) {
            UndecodedCodecs undecoded = new UndecodedCodecs(store);
            Processor processor = new Processor(config, undecoded);
            Map<String, Long> sourceStats = new TreeMap<>();
            Thread capture = new Thread(() -> capture(journal, sourceStats), "shadowrec-capture");
            capture.setDaemon(true);
            capture.start();
            try {
                process(journal, processor);
            } finally {
                stop();
                join(capture);
            }
            processor.finish(endReason);
            store.close(); // every completed recording is durable before the run reports it
            Map<String, Long> counters = new TreeMap<>();
            synchronized (sourceStats) {
                sourceStats.forEach((k, v) -> counters.put("source." + k, v));
            }
            counters.putAll(processor.counters());
            store.counters().forEach((k, v) -> counters.put("store." + k, v));
            undecoded.streamsByCodec().forEach((k, v) -> counters.put("undecoded-streams." + k, v));
            return new RunResult(processor.frames(), processor.bytes(), store.completed(), counters,
                    List.copyOf(problems), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void capture(PacketJournal journal, Map<String, Long> sourceStats) {
        boolean files = sources.stream().allMatch(PcapFileSource.class::isInstance);
        PacketJournal.Appender appender = journal.appender(files ? FILE_FRAMES_PER_EXCERPT : 1);
        long[] count = new long[1];
        try {
            for (int i = 0; i < sources.size() && !stopping; i++) {
                PacketSource source = sources.get(i);
                current.set(source);
                if (stopping) {
                    break;
                }
                int sourceBase = i << 8;
                onCaptureStart.accept(source);
                try {
                    source.run((nanos, ifIndex, linkType, wireLength, buf, off, len) -> {
                        appender.append(nanos, sourceBase | (ifIndex & 0xFF), linkType, wireLength, buf, off, len);
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

    private void process(PacketJournal journal, Processor processor) {
        IdleBackoff backoff = IdleBackoff.defaults();
        try (PacketJournal.Reader reader = journal.reader("processor")) {
            long sinceCheckpoint = 0;
            while (true) {
                boolean done = captureDone;
                if (reader.next(processor)) {
                    backoff.reset();
                    if (++sinceCheckpoint >= CHECKPOINT_EVERY_FRAMES) {
                        reader.checkpoint();
                        sinceCheckpoint = 0;
                        processed = processor.frames();
                        openSessions = processor.openSessions();
                    } else if ((sinceCheckpoint & 1023) == 0) {
                        processed = processor.frames();
                    }
                } else if (done) {
                    break;
                } else {
                    processed = processor.frames();
                    openSessions = processor.openSessions();
                    backoff.idle();
                }
            }
            reader.checkpoint();
            processed = processor.frames();
        }
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
