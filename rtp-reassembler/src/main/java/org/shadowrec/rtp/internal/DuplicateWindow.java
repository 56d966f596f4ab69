package org.shadowrec.rtp.internal;

/**
 * Which of the last {@link #SIZE} extended sequence numbers were seen: a bitmap ring indexed by extended sequence
 * number, so a retransmitted or mirrored-twice packet is recognised even after later packets. Covers RFC 3550 A.1's
 * MAX_MISORDER (100) with room to spare. Allocation happens once, at construction.
 */
public final class DuplicateWindow {

    /** Extended sequence numbers remembered behind the highest one; a power of two. */
    public static final int SIZE = 1024;

    private final long[] bits = new long[SIZE / 64];
    private long highest = Long.MIN_VALUE;

    /** Forgets everything (sequence restart). */
    public void reset() {
        java.util.Arrays.fill(bits, 0L);
        highest = Long.MIN_VALUE;
    }

    /**
     * Records {@code ext} as seen.
     *
     * @return false when it was already seen (a duplicate), true otherwise; numbers older than the window are
     *     reported as new (nothing is known about them)
     */
    public boolean markSeen(long ext) {
        if (highest == Long.MIN_VALUE) {
            highest = ext;
            set(ext);
            return true;
        }
        if (ext > highest) {
            if (ext - highest >= SIZE) {
                java.util.Arrays.fill(bits, 0L);
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

    private static int index(long ext) {
        return (int) (ext & (SIZE - 1));
    }

    private void set(long ext) {
        int i = index(ext);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long ext) {
        int i = index(ext);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }

    private boolean isSet(long ext) {
        int i = index(ext);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }
}
