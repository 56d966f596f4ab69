package org.shadowrec.storage.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.shadowrec.storage.internal.CheckpointFile;
import org.shadowrec.storage.internal.ChronicleSettings;
import org.shadowrec.storage.internal.InstantSourceTimeProvider;
import org.shadowrec.storage.internal.JournalAppender;
import org.shadowrec.storage.internal.JournalReader;

/**
 * The packet journal: raw frames with capture time, source id and link type, appended by the capture thread and
 * tailed by the processing thread. Backed by Chronicle Queue with an hourly roll cycle ({@code FAST_HOURLY}: one
 * {@code yyyyMMdd-HH'F'.cq4} file per hour, named by wall-clock time of the append). The appender is confined to one
 * capture thread; each reader to one processing thread; open/close from any thread.
 *
 * <p>Frames are stored as raw bytes (layout in {@code internal.FrameLayout}), not self-describing wire text. Indexes
 * are Chronicle indexes: increasing, but not contiguous across an hourly roll. Reader positions are kept in
 * {@code <directory>/readers/<name>.checkpoint}. Appended frames reach the page cache (memory-mapped files): they
 * survive a crash of the process, not of the machine. Retention (deleting old hours) is not done here yet.
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
         * to it, with its wire length kept, and counted as {@code frames-truncated}.
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

        @Override
        void close();
    }

    /** How long Chronicle waits for a lock or a header of a dead writer before taking it over. */
    static final long TAKEOVER_TIMEOUT_MS = 2_000;

    private final ChronicleQueue queue;
    private final Path directory;
    private final List<JournalAppender> appenders = new CopyOnWriteArrayList<>();
    private final List<JournalReader> readers = new CopyOnWriteArrayList<>();
    private final Set<String> openReaderNames = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PacketJournal(ChronicleQueue queue, Path directory) {
        this.queue = queue;
        this.directory = directory;
    }

    /** Opens (creating if needed) the journal in {@code directory}; roll cycles follow the system clock. */
    public static PacketJournal open(Path directory) throws IOException {
        return open(directory, null);
    }

    /**
     * Opens the journal with the clock that decides which hourly file an append goes to (tests move it across an
     * hour); null means the system clock.
     */
    public static PacketJournal open(Path directory, InstantSource clock) throws IOException {
        Files.createDirectories(directory);
        // One appender per journal: a lock or a half-written roll-cycle header left by a killed process is the only
        // thing to wait for, so Chronicle's wait before taking them over (10 s or more) is shortened.
        SingleChronicleQueueBuilder builder = ChronicleQueue.singleBuilder(directory).rollCycle(RollCycles.FAST_HOURLY)
                .timeoutMS(TAKEOVER_TIMEOUT_MS);
        if (clock != null) {
            builder.timeProvider(new InstantSourceTimeProvider(clock));
        }
        return new PacketJournal(builder.build(), directory);
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
        JournalAppender a = new JournalAppender(queue, framesPerExcerpt);
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
            JournalReader r = new JournalReader(queue, checkpoint, () -> openReaderNames.remove(name));
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
     * Counters by stable key: {@code frames-appended}, {@code frames-truncated} (appenders), {@code frames-read},
     * {@code excerpts-malformed}, {@code checkpoint-not-found}, {@code reader-repositioned} (a reader found stuck
     * behind a roll-cycle file Chronicle replaced after a crash, and made anew) (readers). Summed over every appender and reader this
     * journal handed out; values written by another thread may be a moment stale.
     */
    public Map<String, Long> counters() {
        long appended = 0;
        long truncated = 0;
        for (JournalAppender a : appenders) {
            appended += a.appended();
            truncated += a.truncated();
        }
        long read = 0;
        long malformed = 0;
        long notFound = 0;
        long repositioned = 0;
        for (JournalReader r : readers) {
            read += r.delivered();
            malformed += r.malformed();
            notFound += r.checkpointNotFound();
            repositioned += r.repositioned();
        }
        Map<String, Long> m = new TreeMap<>();
        m.put("frames-appended", appended);
        m.put("frames-truncated", truncated);
        m.put("frames-read", read);
        m.put("excerpts-malformed", malformed);
        m.put("checkpoint-not-found", notFound);
        m.put("reader-repositioned", repositioned);
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
        for (JournalReader r : readers) {
            r.close();
        }
        for (JournalAppender a : appenders) {
            a.close();
        }
        queue.close();
    }
}
