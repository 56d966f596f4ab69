package org.shadowrec.storage.api;

import java.util.Locale;

/**
 * Settings of a {@link PacketJournal}: how often it starts a new cycle file (the unit retention deletes) and how much
 * disk it may use. A journal that reaches a disk bound stops appending and drops new frames (counted) until space is
 * back; it never blocks or fails the capture thread, and never lets the filesystem fill under its memory-mapped
 * files (which would kill the JVM with SIGBUS).
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>roll</td><td>{@link Roll#HOURLY}</td><td>one cycle file per hour of wall-clock append time; retention
 * deletes whole cycle files, so a shorter roll frees space sooner</td></tr>
 * <tr><td>maxBytes</td><td>{@link Long#MAX_VALUE} (no bound)</td><td>bytes over all cycle files of the journal
 * (written part: cycle files are sparse); at the bound new frames are dropped</td></tr>
 * <tr><td>minFreeBytes</td><td>1 GiB</td><td>usable bytes the filesystem must keep; below it (or below
 * minFreePercent) new frames are dropped</td></tr>
 * <tr><td>minFreePercent</td><td>5</td><td>the same reserve as a share of the filesystem size; the larger of the two
 * applies</td></tr>
 * </table>
 *
 * <p>Fixed, not configurable: the appender checks its bounds before its first frame, then every 1024 frames or
 * 1 MiB of frame bytes, whichever comes first (one {@code statvfs} per check); so a bound is passed by at most
 * about 1 MiB plus one frame, and the reserve must stay well above that (1 GiB by default). Once full, appending
 * resumes when the journal is back under both bounds by a margin (a tenth of the bound, at most 64 MiB), so it does
 * not flap at the edge.
 *
 * @param roll cycle file length
 * @param maxBytes bound on the journal's bytes on disk, at least 1 MiB
 * @param minFreeBytes filesystem reserve in bytes, 0 or more
 * @param minFreePercent filesystem reserve in percent of its size, 0..50
 */
public record JournalConfig(Roll roll, long maxBytes, long minFreeBytes, int minFreePercent) {

    /** 1 GiB. */
    public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;
    /** 5 %. */
    public static final int DEFAULT_MIN_FREE_PERCENT = 5;

    /**
     * Roll cycle lengths by their documented configuration names; each gives its own file name pattern (UTC).
     * {@link #HOURLY} is Chronicle's {@code FAST_HOURLY}, the format journals were always written in.
     */
    public enum Roll {
        /** {@code yyyyMMdd-HHmm.cq4}; at most 2^26 excerpts a minute (Chronicle's legacy MINUTELY). */
        MINUTELY,
        /** {@code yyyyMMdd-HHmm'V'.cq4}; at most 2^30 excerpts per cycle. */
        FIVE_MINUTELY,
        /** {@code yyyyMMdd-HHmm'X'.cq4}; at most 2^30 excerpts per cycle. */
        TEN_MINUTELY,
        /** {@code yyyyMMdd-HHmm'XX'.cq4}; at most 2^30 excerpts per cycle. */
        TWENTY_MINUTELY,
        /** {@code yyyyMMdd-HHmm'H'.cq4}; at most 2^30 excerpts per cycle. */
        HALF_HOURLY,
        /** {@code yyyyMMdd-HH'F'.cq4}; at most 2^32 - 1 excerpts per cycle (the default). */
        HOURLY,
        /** {@code yyyyMMdd-HH'II'.cq4}. */
        TWO_HOURLY,
        /** {@code yyyyMMdd'F'.cq4}. */
        DAILY;

        /**
         * The roll of a configuration name, case-insensitive, {@code -} and {@code _} alike ({@code five-minutely}).
         *
         * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
         */
        public static Roll parse(String name) {
            String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Roll r : values()) {
                if (r.name().equals(key)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown journal roll '" + name + "', expected one of "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT).replace('_', '-'));
        }

        /** The configuration name, e.g. {@code five-minutely}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public JournalConfig {
        if (roll == null) {
            throw new IllegalArgumentException("roll");
        }
        if (maxBytes < (1L << 20)) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " (at least 1 MiB)");
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes " + minFreeBytes);
        }
        if (minFreePercent < 0 || minFreePercent > 50) {
            throw new IllegalArgumentException("minFreePercent " + minFreePercent);
        }
    }

    /** The documented defaults. */
    public static JournalConfig defaults() {
        return new JournalConfig(Roll.HOURLY, Long.MAX_VALUE, DEFAULT_MIN_FREE_BYTES, DEFAULT_MIN_FREE_PERCENT);
    }

    public JournalConfig withRoll(Roll r) {
        return new JournalConfig(r, maxBytes, minFreeBytes, minFreePercent);
    }

    public JournalConfig withMaxBytes(long bytes) {
        return new JournalConfig(roll, bytes, minFreeBytes, minFreePercent);
    }

    /** The filesystem reserve: {@code bytes}, or {@code percent} of the filesystem size, whichever is larger. */
    public JournalConfig withMinFree(long bytes, int percent) {
        return new JournalConfig(roll, maxBytes, bytes, percent);
    }
}
