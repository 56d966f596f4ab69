package org.shadowrec.storage.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes whole cycle files no one needs any more. A cycle file is deleted when it is strictly older than the cycle
 * of {@code min(restart index, every reader's durable checkpoint)}, and never when it is the newest cycle file or the
 * one an appender writes to. Until the restart index is first set ({@link #retainFrom}) nothing is deleted (this
 * process does not know what its processing side may still re-read); a reader that is open without a checkpoint, or
 * whose checkpoint file cannot be read, keeps everything too.
 *
 * <p>Reader checkpoints are read from {@code readers/*.checkpoint} (the durable truth, also for readers not open in
 * this process); an open reader answers from memory (the same value, just stored). Deletion: the cycle's written
 * size is measured through Chronicle, the store released, the file unlinked, then Chronicle's cached directory
 * listing refreshed ({@code refreshDirectoryListing}), which moves {@code firstIndex} forward. On Linux unlinking a
 * file a tailer still maps is safe; its blocks are freed when the last mapping goes. Passes are serialised; they run
 * on the thread that asks for one (retainFrom, a reader's checkpoint), never on a capture thread.
 */
public final class JournalRetention {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);
    /** No restart index told yet, or a reader that keeps everything. */
    public static final long KEEP_ALL = -1L;

    private final SingleChronicleQueue queue;
    private final Path readersDirectory;
    private final JournalSpace space;
    private final Function<String, CheckpointFile.Position> openReaderPosition;
    private final Set<String> openReaderNames;
    private volatile long restartIndex = KEEP_ALL;
    private boolean closed;
    private final AtomicLong cyclesDeleted = new AtomicLong();
    private final AtomicLong bytesDeleted = new AtomicLong();
    private final AtomicLong deleteErrors = new AtomicLong();

    /**
     * @param openReaderPosition the checkpointed position of an open reader by name, null when not open
     * @param openReaderNames names of the readers open now
     */
    public JournalRetention(SingleChronicleQueue queue, Path journalDirectory, JournalSpace space,
                            Function<String, CheckpointFile.Position> openReaderPosition,
                            Set<String> openReaderNames) {
        this.queue = queue;
        this.readersDirectory = journalDirectory.resolve(CheckpointFile.DIRECTORY);
        this.space = space;
        this.openReaderPosition = openReaderPosition;
        this.openReaderNames = openReaderNames;
    }

    /** Sets the restart index (latest value wins). */
    public void retainFrom(long index) {
        restartIndex = index;
    }

    public long restartIndex() {
        return restartIndex;
    }

    /**
     * The oldest index anyone still needs: min(restart index, every reader checkpoint), or {@link #KEEP_ALL}.
     */
    public long keepIndex() {
        long min = restartIndex;
        if (min < 0) {
            return KEEP_ALL;
        }
        Map<String, Path> names = new HashMap<>();
        for (String open : openReaderNames) {
            names.put(open, null);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(readersDirectory, "*" + CheckpointFile.SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                String name = file.substring(0, file.length() - CheckpointFile.SUFFIX.length());
                if (SafeNames.isSafe(name)) {
                    names.put(name, f);
                }
            }
        } catch (NoSuchFileException e) {
            // no reader ever checkpointed
        } catch (IOException e) {
            LOG.warn("packet journal retention: cannot list {} ({}); deleting nothing", readersDirectory,
                    e.toString());
            return KEEP_ALL;
        }
        for (Map.Entry<String, Path> e : names.entrySet()) {
            String name = e.getKey();
            CheckpointFile.Position p = openReaderPosition.apply(name);
            if (p == null) {
                if (e.getValue() == null) {
                    continue; // closed between the two looks: its file was not there, it never checkpointed
                }
                try {
                    p = CheckpointFile.load(e.getValue());
                } catch (IOException ex) {
                    LOG.warn("packet journal retention: checkpoint of reader {} unreadable ({}); deleting nothing",
                            name, ex.toString());
                    return KEEP_ALL;
                }
            }
            if (p.index() == CheckpointFile.NONE) {
                return KEEP_ALL;
            }
            min = Math.min(min, p.index());
        }
        return min;
    }

    /**
     * Measures cycle files whose size is not known yet and deletes those no one needs. Returns the cycle files
     * deleted.
     */
    public synchronized int pass() {
        if (closed) {
            return 0;
        }
        queue.refreshDirectoryListing();
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (last < 0 || first == Integer.MAX_VALUE || first > last) {
            return 0;
        }
        int appending = space.currentCycle();
        long keep = keepIndex();
        int deleteBelow = keep < 0 ? Integer.MIN_VALUE : queue.rollCycle().toCycle(keep);
        deleteBelow = Math.min(deleteBelow, last);
        if (appending >= 0) {
            deleteBelow = Math.min(deleteBelow, appending);
        }
        NavigableSet<Long> cycles = queue.listCyclesBetween(first, last);
        int deleted = 0;
        for (Long boxed : cycles) {
            int cycle = boxed.intValue();
            boolean delete = cycle < deleteBelow;
            if (!delete && (cycle == appending || space.knows(cycle))) {
                continue;
            }
            SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
            if (store == null) {
                continue;
            }
            File file;
            long bytes;
            try {
                file = store.file();
                bytes = store.writePosition();
            } finally {
                queue.closeStore(store);
            }
            if (!delete) {
                space.measured(cycle, bytes);
                continue;
            }
            try {
                Files.deleteIfExists(file.toPath());
            } catch (IOException e) {
                deleteErrors.incrementAndGet();
                LOG.warn("packet journal retention: cannot delete {} ({})", file, e.toString());
                continue;
            }
            space.deleted(cycle);
            cyclesDeleted.incrementAndGet();
            bytesDeleted.addAndGet(bytes);
            deleted++;
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    /** No pass after this; waits for one running. */
    public synchronized void close() {
        closed = true;
    }

    public void addCounters(Map<String, Long> m) {
        m.put("cycles-deleted", cyclesDeleted.get());
        m.put("bytes-deleted", bytesDeleted.get());
        m.put("delete-errors", deleteErrors.get());
    }
}
