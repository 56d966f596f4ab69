package org.shadowrec.rtp.internal;

/**
 * Which of the last {@link #SIZE} extended sequence numbers were seen: a 128-bit bitmap ring (two longs, no array)
 * indexed by extended sequence number, so a retransmitted or mirrored-twice packet is recognised even after later
 * packets. Covers RFC 3550 A.1's MAX_MISORDER (100): {@link ExtendedSeqTracker} never asks about a number further
 * behind. Kept to two fields so a stream's hot state stays within a few cache lines.
 */
public final class DuplicateWindow {

    /** Extended sequence numbers remembered behind the highest one; a power of two, two longs of bits. */
    public static final int SIZE = 128;

    private long low;
    private long high;
    private long highest = Long.MIN_VALUE;

    /** Forgets everything (sequence restart). */
    public void reset() {
        low = 0;
        high = 0;
        highest = Long.MIN_VALUE;
    }

    /**
     * Records {@code ext} as seen.
     *
     * @return false when it was already seen (a duplicate), true otherwise; numbers older than the window are
     *     reported as new (nothing is known about them)
     */
    public boolean markSeen(long ext) {
        long h = highest;
        if (ext == h + 1 && h != Long.MIN_VALUE) {
            highest = ext;
            set(ext); // the common case: next in order, nothing to clear in between
            return true;
        }
        return markSeenSlow(ext);
    }

    private boolean markSeenSlow(long ext) {
        if (highest == Long.MIN_VALUE) {
            highest = ext;
            set(ext);
            return true;
        }
        if (ext > highest) {
            if (ext - highest >= SIZE) {
                low = 0;
                high = 0;
            } else {
                for (long s = highest + 1; s < ext; s++) {
                    clear(s);
                }
            }
            highest = ext;
            set(ext);
            return true;
        }
        if (highest - ext >= SIZE) {
            return true;
        }
        if (isSet(ext)) {
            return false;
        }
        set(ext);
        return true;
    }

    private void set(long ext) {
        long bit = 1L << ext; // shift uses the low 6 bits
        if ((ext & 64) == 0) {
            low |= bit;
        } else {
            high |= bit;
        }
    }

    private void clear(long ext) {
        long bit = 1L << ext;
        if ((ext & 64) == 0) {
            low &= ~bit;
        } else {
            high &= ~bit;
        }
    }

    private boolean isSet(long ext) {
        return (((ext & 64) == 0 ? low : high) & (1L << ext)) != 0;
    }
}
