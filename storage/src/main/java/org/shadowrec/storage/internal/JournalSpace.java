package org.shadowrec.storage.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.shadowrec.storage.api.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk bounds of one journal and its full state. Appenders call {@link #check} every few frames (from their
 * capture threads) and drop frames while it answers true; the retention pass tells it the written size of each cycle
 * file it measures or deletes. Bytes on disk = the written size of every cycle file but the one being appended
 * (measured by the retention pass through Chronicle, or taken from the appender when it rolled away from it) plus
 * the appender's write position in the cycle it appends to. Cycle files are sparse (Chronicle maps them in 64 MiB
 * blocks), so the written size, not the file length, is what the disk holds.
 *
 * <p>Logs at ERROR on entering the full state, on leaving it (with the frames dropped meanwhile), and at most every
 * {@link #REMINDER_NANOS} while it lasts; never per frame. All state changes under this object's lock (checks are
 * rare: every {@link #CHECK_FRAMES} frames or {@link #CHECK_BYTES} bytes per appender).
 */
public final class JournalSpace {
    private static final Logger LOG = LoggerFactory.getLogger(JournalSpace.class);

    /** Frames an appender writes between two checks, at most. */
    public static final int CHECK_FRAMES = 1024;
    /** Frame bytes an appender writes between two checks, at most. */
    public static final long CHECK_BYTES = 1L << 20;
    /** At most one "still full" log line per this many nanoseconds. */
    public static final long REMINDER_NANOS = 10_000_000_000L;
    private static final long MAX_MARGIN = 64L << 20;

    private final long maxBytes;
    private final long reserve;
    private final DiskSpace disk;
    /** Written bytes of cycle files other than the one appended to, by cycle. */
    private final TreeMap<Integer, Long> cycles = new TreeMap<>();
    /** Cycles whose size is the appender's last check (up to one check interval short), not measured yet. */
    private final java.util.Set<Integer> estimated = new java.util.HashSet<>();
    private long otherBytes;
    private int currentCycle = -1;
    private long currentBytes;
    private long lastUsable = Long.MAX_VALUE;
    private volatile boolean full;
    private long fullSinceNanos;
    private long lastReminderNanos;
    private long droppedAtEntry;
    private String lastProbeError;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong episodes = new AtomicLong();
    private final AtomicLong probeErrors = new AtomicLong();
    private volatile long bytesOnDisk;

    /**
     * @param maxBytes bound on the journal's bytes on disk
     * @param reserve usable bytes the filesystem must keep
     * @param disk the usable-space probe
     */
    public JournalSpace(long maxBytes, long reserve, DiskSpace disk) {
        this.maxBytes = maxBytes;
        this.reserve = reserve;
        this.disk = disk;
    }

    private static long margin(long bound) {
        return bound == Long.MAX_VALUE ? 0 : Math.min(MAX_MARGIN, bound / 10);
    }

    /**
     * One bound check by an appender. Returns true when new frames must be dropped.
     *
     * @param cycle the cycle the appender writes to, -1 before its first write
     * @param position its write position in that cycle file (bytes written so far)
     * @param newlyDropped frames it dropped since its previous check
     */
    public synchronized boolean check(int cycle, long position, long newlyDropped, long nowNanos) {
        if (newlyDropped > 0) {
            dropped.addAndGet(newlyDropped);
        }
        if (cycle > currentCycle) {
            // The appenders rolled to a new cycle file: the previous one is complete at its last known size.
            if (currentCycle >= 0) {
                putCycle(currentCycle, currentBytes);
                estimated.add(currentCycle);
            }
            estimated.remove(cycle);
            Long had = cycles.remove(cycle);
            if (had != null) {
                otherBytes -= had;
            }
            currentCycle = cycle;
            currentBytes = position;
        } else if (cycle == currentCycle) {
            currentBytes = Math.max(currentBytes, position);
        }
        long onDisk = otherBytes + currentBytes;
        bytesOnDisk = onDisk;
        try {
            lastUsable = disk.usableBytes();
            lastProbeError = null;
        } catch (IOException | RuntimeException e) {
            // Keep the previous answer: a failing probe must not start or end a full state by itself.
            probeErrors.incrementAndGet();
            if (lastProbeError == null) {
                LOG.warn("packet journal: usable-space probe failed ({}); keeping the previous answer", e.toString());
                lastProbeError = e.toString();
            }
        }
        if (!full) {
            if (onDisk >= maxBytes || lastUsable < reserve) {
                full = true;
                episodes.incrementAndGet();
                fullSinceNanos = nowNanos;
                lastReminderNanos = nowNanos;
                droppedAtEntry = dropped.get();
                LOG.error("packet journal FULL: {} bytes in cycle files (bound {}), {} bytes usable on the filesystem "
                        + "(reserve {}); new frames are DROPPED (counted frames-dropped-journal-full) until a "
                        + "retention pass frees space", onDisk, bound(maxBytes), lastUsable, reserve);
            }
        } else if (onDisk <= maxBytes - margin(maxBytes) && lastUsable >= reserve + margin(reserve)) {
            full = false;
            LOG.error("packet journal appending again after {} s full: {} frames dropped meanwhile; {} bytes in "
                            + "cycle files, {} bytes usable", (nowNanos - fullSinceNanos) / 1_000_000_000L,
                    dropped.get() - droppedAtEntry, onDisk, lastUsable);
        } else if (nowNanos - lastReminderNanos >= REMINDER_NANOS) {
            lastReminderNanos = nowNanos;
            LOG.error("packet journal still FULL for {} s: {} frames dropped so far; {} bytes in cycle files (bound "
                            + "{}), {} bytes usable (reserve {})", (nowNanos - fullSinceNanos) / 1_000_000_000L,
                    dropped.get() - droppedAtEntry, onDisk, bound(maxBytes), lastUsable, reserve);
        }
        return full;
    }

    private static String bound(long b) {
        return b == Long.MAX_VALUE ? "none" : Long.toString(b);
    }

    private void putCycle(int cycle, long bytes) {
        Long had = cycles.put(cycle, bytes);
        otherBytes += bytes - (had == null ? 0 : had);
        bytesOnDisk = otherBytes + currentBytes;
    }

    /** True when the written size of {@code cycle} was measured and it is not the cycle appended to. */
    public synchronized boolean knows(int cycle) {
        return cycles.containsKey(cycle) && !estimated.contains(cycle);
    }

    /** The cycle an appender writes to, -1 before any write of this process. */
    public synchronized int currentCycle() {
        return currentCycle;
    }

    /** Records the measured written size of a cycle file that is not (or no longer) appended to. */
    public synchronized void measured(int cycle, long bytes) {
        if (cycle != currentCycle) {
            putCycle(cycle, bytes);
            estimated.remove(cycle);
        }
    }

    /** Forgets a deleted cycle file; returns the bytes it counted for it. */
    public synchronized long deleted(int cycle) {
        Long had = cycles.remove(cycle);
        estimated.remove(cycle);
        if (had == null) {
            return 0;
        }
        otherBytes -= had;
        bytesOnDisk = otherBytes + currentBytes;
        return had;
    }

    public boolean full() {
        return full;
    }

    public long bytesOnDisk() {
        return bytesOnDisk;
    }

    /** Counters by stable key. */
    public void addCounters(Map<String, Long> m) {
        m.put("journal-full-episodes", episodes.get());
        m.put("bytes-on-disk", bytesOnDisk);
        m.put("disk-probe-errors", probeErrors.get());
    }

    /** Frames dropped as reported by the appenders' checks (the appenders count their own exactly). */
    public long droppedReported() {
        return dropped.get();
    }
}
