package org.shadowrec.storage.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.shadowrec.storage.internal.CheckpointFile;
import org.shadowrec.storage.internal.ChronicleSettings;
import org.shadowrec.storage.internal.InstantSourceTimeProvider;
import org.shadowrec.storage.internal.JournalAppender;
import org.shadowrec.storage.internal.JournalLock;
import org.shadowrec.storage.internal.JournalReader;
import org.shadowrec.storage.internal.JournalRetention;
import org.shadowrec.storage.internal.JournalRolls;
import org.shadowrec.storage.internal.JournalSpace;
import org.shadowrec.storage.internal.SafeNames;
import org.shadowrec.storage.internal.TornCycleFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet journal: raw frames with capture time, source id and link type, appended by the capture thread and
 * tailed by the processing thread. Backed by Chronicle Queue, one cycle file per roll period of wall-clock append
 * time ({@link JournalConfig.Roll}; hourly by default: {@code FAST_HOURLY}, one {@code yyyyMMdd-HH'F'.cq4} file per
 * hour). The appender is confined to one capture thread; each reader to one processing thread; open/close,
 * {@link #retainFrom}, {@link #full()} and {@link #counters()} from any thread.
 *
 * <p>Frames are stored as raw bytes (layout in {@code internal.FrameLayout}), not self-describing wire text. Indexes
 * are Chronicle indexes: increasing, but not contiguous across a roll. Reader positions are kept in
 * {@code <directory>/readers/<name>.checkpoint}. Appended frames reach the page cache (memory-mapped files): they
 * survive a crash of the process, not of the machine.
 *
 * <h2>Retention</h2>
 * A cycle file is deleted, whole, when it is strictly older than the cycle holding
 * {@code min(restart index, every reader's durable checkpoint)}:
 * <ul>
 * <li>the <em>restart index</em> is told by the processing side with {@link #retainFrom(long)}: the oldest frame it
 * may still have to re-read (the first frame of its oldest open call), which may be older than its checkpoint.
 * Until it is first told in this process, nothing is deleted;</li>
 * <li>every reader that has a checkpoint file counts, open or not (a reader left behind keeps the journal; remove it
 * with {@link #forgetReader}); a reader open without any checkpoint keeps everything;</li>
 * <li>the newest cycle file and the one being appended to are never deleted.</li>
 * </ul>
 * Retention runs eagerly in {@link #retainFrom} and after each {@link Reader#checkpoint()}, on the calling thread
 * (never on a capture thread), and deletes everything eligible at once. A reader whose checkpoint lies in a cycle
 * deleted anyway (an old checkpoint file restored, files removed by hand) starts at the first retained frame,
 * counted {@code checkpoint-deleted} and logged; {@link Reader#resumeOutcome()} says so.
 *
 * <h2>Disk bounds</h2>
 * The journal's bytes on disk are bounded by {@link JournalConfig#maxBytes()} and by the filesystem reserve
 * ({@link JournalConfig#minFreeBytes()} / {@link JournalConfig#minFreePercent()}). Appenders check both before their
 * first frame and then every 1024 frames or 1 MiB; at a bound the journal is {@link #full()}: appenders drop new
 * frames, counted {@code frames-dropped-journal-full}, without blocking or throwing, and one ERROR line is logged
 * (then at most one reminder per 10 s, and one line with the frames dropped when it ends). Appending resumes once a
 * retention pass has brought it back under both bounds by a margin. Stopping before the filesystem is full matters:
 * Chronicle writes through memory mappings, and a write into a mapping on a full filesystem kills the JVM (SIGBUS).
 *
 * <h2>One owner; what a killed owner leaves</h2>
 * An open journal holds an OS lock on {@code <directory>/shadowrec.lock}: a second process (or a second open in this
 * one) is refused with an {@link IOException} that says so. Under that lock, {@link #open} removes the cycle and
 * table-store files whose first header a process killed while creating them left unfinished (they cannot hold a
 * frame); left there, Chronicle would stall on them (see {@code internal.TornCycleFiles}). Counted
 * {@code torn-files-removed} and logged.
 *
 * <p>Chronicle needs the JVM flags of the parent pom property {@code chronicle.jvm.args} on Java 17. Its analytics
 * and start-up announcer are switched off (system properties set before Chronicle loads, unless already set).
 */
public final class PacketJournal implements AutoCloseable {

    static {
        ChronicleSettings.applyDefaults();
    }

    /** Appends frames. Not thread-safe: one per capture thread. Never allocates per frame. */
    public interface Appender extends AutoCloseable {
        /**
         * Appends one frame. A frame longer than 262 144 bytes (the pcap maximum snap length) is stored truncated
         * to it, with its wire length kept, and counted as {@code frames-truncated}. While the journal is
         * {@link PacketJournal#full() full} the frame is dropped instead, counted {@code frames-dropped-journal-full}
         * (not {@code frames-appended}); a Chronicle write that fails loses it, counted
         * {@code frames-dropped-journal-error}. Never blocks on the disk bounds, never throws for them.
         *
         * @throws IndexOutOfBoundsException when {@code off}/{@code len} do not fit {@code buf} (a caller bug)
         * @throws IllegalStateException after {@link #close()}
         */
        void append(long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf, int off, int len);

        /**
         * Writes the frames a batching appender ({@link PacketJournal#appender(int)}) still holds; readers see a
         * frame only once it is written. Does nothing for an appender that writes every frame at once.
         */
        void flush();

        /**
         * Writes what a batching appender still holds, then releases the Chronicle appender. Call from the appending
         * thread or after it stopped.
         */
        @Override
        void close();
    }

    /** Where a reader started, known after its first {@link Reader#next}. */
    public enum ResumeOutcome {
        /** Not positioned yet: {@link Reader#next} was not called. */
        NOT_YET,
        /** No checkpoint: from the first frame held. */
        START,
        /** Right after its checkpoint. */
        CHECKPOINT,
        /**
         * Its checkpoint lies before the first frame held (the cycle file was deleted): from the first retained
         * frame; the frames in between are lost. Counted {@code checkpoint-deleted}.
         */
        CHECKPOINT_DELETED,
        /** Its checkpoint is not in this journal (e.g. beyond its end): from the first frame held, nothing skipped. */
        CHECKPOINT_NOT_FOUND
    }

    /** Reads frames in order and remembers how far it got under its name. */
    public interface Reader extends AutoCloseable {
        /**
         * Delivers the next frame if one is there; returns false when none is available now (the caller decides how
         * to wait, e.g. with {@link IdleBackoff}). The handler's buffer is reused by the next call. Frames of a batch
         * excerpt are delivered one per call, each with the excerpt's index (so indexes never decrease, and are
         * equal within a batch). A frame whose
         * excerpt is too short for the frame header (not written by an {@link Appender}) is skipped and counted as
         * {@code excerpts-malformed}. A frame counts as delivered when the handler is called, even if it throws.
         */
        boolean next(FrameHandler handler);

        /**
         * Persists the position after the last delivered frame, so a new reader of this name resumes there (inside a
         * batch: at the next frame of it, never skipping one, never repeating one). Written
         * atomically and fsynced (about a millisecond): call it periodically, not per frame.
         *
         * @throws UncheckedIOException when the checkpoint file cannot be written
         */
        void checkpoint();

        /**
         * The position after the last delivered frame: what {@link #checkpoint()} stores. Reading thread only.
         */
        JournalPosition position();

        /**
         * The position of the first frame of the excerpt {@code index} (an index this reader delivered): a reader
         * resumed there re-reads that excerpt whole, and everything after it. Used to set the restart point back to
         * where the oldest open call began.
         */
        JournalPosition startOf(long index);

        /**
         * Stores {@code position} durably as this reader's checkpoint (atomically, fsynced). Thread-safe: an I/O
         * thread may store a position taken on the reading thread, once what precedes it is durable.
         *
         * @throws UncheckedIOException when the checkpoint file cannot be written
         */
        void store(JournalPosition position);

        /** Journal index of the excerpt of the last frame delivered (or resumed from), -1 before any. */
        long lastDeliveredIndex();

        /** Journal index stored by the last checkpoint (of the excerpt holding that frame), -1 when none. */
        long checkpointedIndex();

        /** Where this reader started reading; {@link ResumeOutcome#NOT_YET} before its first {@link #next}. */
        ResumeOutcome resumeOutcome();

        @Override
        void close();
    }

    /** How long Chronicle waits for a lock or a header of a dead writer before taking it over. */
    static final long TAKEOVER_TIMEOUT_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(PacketJournal.class);

    private final SingleChronicleQueue queue;
    private final Path directory;
    private final JournalConfig config;
    private final JournalSpace space;
    private final JournalRetention retention;
    private final List<JournalAppender> appenders = new CopyOnWriteArrayList<>();
    private final List<JournalReader> readers = new CopyOnWriteArrayList<>();
    private final Map<String, JournalReader> openReaders = new ConcurrentHashMap<>();
    private final Set<String> openReaderNames = ConcurrentHashMap.newKeySet();
    private final AtomicLong retentionErrors = new AtomicLong();
    private final JournalLock lock;
    private final int tornFilesRemoved;
    private volatile boolean closed;

    private PacketJournal(SingleChronicleQueue queue, Path directory, JournalConfig config, JournalSpace space,
                          JournalLock lock, int tornFilesRemoved) {
        this.queue = queue;
        this.lock = lock;
        this.tornFilesRemoved = tornFilesRemoved;
        this.directory = directory;
        this.config = config;
        this.space = space;
        this.retention = new JournalRetention(queue, directory, space, name -> {
            JournalReader r = openReaders.get(name);
            return r == null ? null : r.checkpointedPosition();
        }, openReaderNames);
    }

    /** Opens (creating if needed) the journal in {@code directory}; roll cycles follow the system clock. */
    public static PacketJournal open(Path directory) throws IOException {
        return open(directory, null);
    }

    /**
     * Opens the journal with the clock that decides which cycle file an append goes to (tests move it across an
     * hour); null means the system clock. {@link JournalConfig#defaults()}.
     */
    public static PacketJournal open(Path directory, InstantSource clock) throws IOException {
        return open(directory, clock, JournalConfig.defaults());
    }

    /**
     * Opens the journal with its settings; usable space is probed on the directory's filesystem.
     *
     * @param clock decides the cycle file of each append; null for the system clock
     */
    public static PacketJournal open(Path directory, InstantSource clock, JournalConfig config) throws IOException {
        Files.createDirectories(directory);
        return open(directory, clock, config, DiskSpace.of(Files.getFileStore(directory)));
    }

    /**
     * Opens the journal with its settings and the probe that tells the usable space of its filesystem (tests give
     * their own; the percent reserve is still taken from the real filesystem's size).
     *
     * <p>Chronicle keeps the roll cycle a journal was created with: reopening it with another {@link
     * JournalConfig#roll()} goes on with the old one (Chronicle logs a warning). Change the roll in a new directory.
     */
    public static PacketJournal open(Path directory, InstantSource clock, JournalConfig config, DiskSpace usable)
            throws IOException {
        if (config == null || usable == null) {
            throw new IllegalArgumentException("config and usable-space probe are required");
        }
        Files.createDirectories(directory);
        JournalLock lock = JournalLock.acquire(directory);
        try {
            List<String> torn = TornCycleFiles.remove(directory);
            if (!torn.isEmpty()) {
                LOG.warn("packet journal {}: removed {}, left with an unfinished header by a process killed while "
                        + "creating it (no frame can be in such a file)", directory, torn);
            }
            FileStore store = Files.getFileStore(directory);
            long reserve = Math.max(config.minFreeBytes(), store.getTotalSpace() / 100 * config.minFreePercent());
            SingleChronicleQueueBuilder builder = ChronicleQueue.singleBuilder(directory)
                    .rollCycle(JournalRolls.chronicle(config.roll()))
                    // One process per journal (the lock): a Chronicle lock or a half-written header left by a
                    // killed process is the only thing to wait for, so the wait before taking them over is short.
                    .timeoutMS(TAKEOVER_TIMEOUT_MS);
            if (clock != null) {
                builder.timeProvider(new InstantSourceTimeProvider(clock));
            }
            PacketJournal journal = new PacketJournal(builder.build(), directory, config,
                    new JournalSpace(config.maxBytes(), reserve, usable), lock, torn.size());
            journal.runRetention(); // measures the cycle files already there (deletes nothing yet)
            return journal;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A new appender that writes every frame at once, as its own excerpt; create one per capture thread. */
    public Appender appender() {
        return appender(1);
    }

    /**
     * A new appender that writes up to {@code framesPerExcerpt} frames as one excerpt (at most 64 KiB of frame
     * bytes): much cheaper per frame, but frames reach the journal (and readers, and a crash-safe page cache) only
     * when their batch is full, on {@link Appender#flush()} or on close. Suited to reading files; a live source that
     * may fall idle should flush or use {@link #appender()}. Readers deliver the frames one by one either way.
     *
     * @param framesPerExcerpt 1..1024
     * @throws IllegalArgumentException outside that range
     */
    public Appender appender(int framesPerExcerpt) {
        checkOpen();
        JournalAppender a = new JournalAppender(queue, framesPerExcerpt, space);
        appenders.add(a);
        return a;
    }

    /**
     * A reader that resumes from the checkpoint stored under {@code name}, or from the start. The name must be a
     * safe file name ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}); only one reader of a name may be open at once.
     *
     * @throws IllegalArgumentException for an unsafe name
     * @throws IllegalStateException when a reader of this name is already open
     * @throws UncheckedIOException when the checkpoint cannot be read
     */
    public Reader reader(String name) {
        checkOpen();
        CheckpointFile checkpoint;
        try {
            checkpoint = new CheckpointFile(directory, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!openReaderNames.add(name)) {
            throw new IllegalStateException("reader already open: " + name);
        }
        try {
            JournalReader r = new JournalReader(queue, checkpoint, () -> {
                openReaders.remove(name);
                openReaderNames.remove(name);
            }, this::runRetention);
            openReaders.put(name, r);
            readers.add(r);
            return r;
        } catch (IOException e) {
            openReaderNames.remove(name);
            throw new UncheckedIOException(e);
        }
    }

    /** Index of the oldest frame held, -1 when the journal is empty. */
    public long firstIndex() {
        checkOpen();
        long first = queue.firstIndex();
        return first == Long.MAX_VALUE || queue.lastIndex() < 0 ? -1L : first;
    }

    /** Index of the newest frame, -1 when the journal is empty. */
    public long lastIndex() {
        checkOpen();
        long last = queue.lastIndex();
        return last < 0 ? -1L : last;
    }

    /** The journal directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Tells the journal the oldest index the processing side may still re-read (its restart index; may be older than
     * its reader's checkpoint), then deletes every cycle file strictly older than the cycle of min(this index, every
     * reader checkpoint) except the one appended to. The latest value wins; deleted files do not come back if it
     * moves backwards. Thread-safe; runs on the calling thread (a few unlinks), never blocks an appender.
     *
     * @param index a journal index (as delivered to a {@link FrameHandler}), 0 or more
     * @return cycle files deleted by this call
     * @throws IllegalArgumentException for a negative index
     */
    public int retainFrom(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("restart index " + index);
        }
        checkOpen();
        retention.retainFrom(index);
        return runRetention();
    }

    /** The restart index last told by {@link #retainFrom}, -1 when none in this process. */
    public long restartIndex() {
        return retention.restartIndex();
    }

    private int runRetention() {
        try {
            return retention.pass();
        } catch (RuntimeException e) {
            // Never fail the caller's checkpoint for it: the next pass retries.
            retentionErrors.incrementAndGet();
            LOG.warn("packet journal retention pass failed: {}", e.toString());
            return 0;
        }
    }

    /**
     * Removes the checkpoint of a reader that will not come back, so that it no longer holds cycle files.
     *
     * @return true when there was a checkpoint
     * @throws IllegalStateException when that reader is open
     * @throws UncheckedIOException when the file cannot be deleted
     */
    public boolean forgetReader(String name) {
        checkOpen();
        SafeNames.require(name, "reader name");
        if (openReaderNames.contains(name)) {
            throw new IllegalStateException("reader open: " + name);
        }
        try {
            return Files.deleteIfExists(new CheckpointFile(directory, name).path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True while the journal is at a disk bound and its appenders drop new frames (as of their last check, which
     * happens every 1024 frames or 1 MiB).
     */
    public boolean full() {
        return space.full();
    }

    /**
     * The roll in effect: the one the journal was created with, which Chronicle keeps when it is reopened with
     * another (null for a journal made with a roll cycle not in {@link JournalConfig.Roll}).
     */
    public JournalConfig.Roll roll() {
        return JournalRolls.of(queue.rollCycle());
    }

    /** The settings this journal was opened with. */
    public JournalConfig config() {
        return config;
    }

    /**
     * Counters by stable key: {@code frames-appended}, {@code frames-truncated}, {@code frames-dropped-journal-full},
     * {@code frames-dropped-journal-error} (appenders); {@code frames-read}, {@code excerpts-malformed},
     * {@code checkpoint-not-found}, {@code checkpoint-deleted}, {@code reader-repositioned} (a reader found stuck behind a
     * roll-cycle file Chronicle replaced after a crash, and made anew) (readers); {@code journal-full-episodes},
     * {@code bytes-on-disk} (written bytes of the cycle files, as of the last check or retention pass),
     * {@code disk-probe-errors} (disk bounds); {@code cycles-deleted}, {@code bytes-deleted}, {@code delete-errors},
     * {@code retention-errors} (retention); {@code torn-files-removed} (cycle or table-store files with an unfinished
     * header, left by a process killed while creating them, removed at open). Summed over every appender and reader
     * this journal handed out; values written by another thread may be a moment stale.
     */
    public Map<String, Long> counters() {
        long appended = 0;
        long truncated = 0;
        long droppedFull = 0;
        long droppedError = 0;
        for (JournalAppender a : appenders) {
            appended += a.appended();
            truncated += a.truncated();
            droppedFull += a.droppedFull();
            droppedError += a.droppedError();
        }
        long read = 0;
        long malformed = 0;
        long notFound = 0;
        long repositioned = 0;
        long deleted = 0;
        for (JournalReader r : readers) {
            read += r.delivered();
            malformed += r.malformed();
            notFound += r.checkpointNotFound();
            repositioned += r.repositioned();
            deleted += r.checkpointDeleted();
        }
        Map<String, Long> m = new TreeMap<>();
        m.put("frames-appended", appended);
        m.put("frames-truncated", truncated);
        m.put("frames-dropped-journal-full", droppedFull);
        m.put("frames-dropped-journal-error", droppedError);
        m.put("frames-read", read);
        m.put("excerpts-malformed", malformed);
        m.put("checkpoint-not-found", notFound);
        m.put("reader-repositioned", repositioned);
        m.put("checkpoint-deleted", deleted);
        m.put("retention-errors", retentionErrors.get());
        m.put("torn-files-removed", (long) tornFilesRemoved);
        space.addCounters(m);
        retention.addCounters(m);
        return m;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("journal closed");
        }
    }

    /** Closes every appender and reader handed out, then the queue. Stop the threads using them first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        retention.close();
        for (JournalReader r : readers) {
            r.close();
        }
        for (JournalAppender a : appenders) {
            a.close();
        }
        queue.close();
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("packet journal {}: releasing {}: {}", directory, JournalLock.FILE, e.toString());
        }
    }
}
