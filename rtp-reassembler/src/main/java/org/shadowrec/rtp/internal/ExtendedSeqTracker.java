package org.shadowrec.rtp.internal;

/**
 * Extended sequence numbers and loss accounting of one stream, after RFC 3550 Appendix A.1 ({@code update_seq}) and
 * A.3 (expected − received). The 16-bit sequence number is extended with its wrap count; a jump larger than
 * {@link #MAX_DROPOUT} ahead or {@link #MAX_MISORDER} behind is taken as a sender restart once the next packet
 * follows it (A.1's {@code bad_seq}), with no probation for new streams. A packet behind the highest one that was
 * never seen is a reordered arrival and fills its gap: it is not lost. Duplicates are found by a
 * {@link DuplicateWindow}. Loss is clamped at zero.
 */
public final class ExtendedSeqTracker {

    /** RFC 3550 A.1: a forward jump this large or larger is not a loss burst but a restart candidate. */
    public static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: a packet at most this far behind the highest is a late (reordered) arrival. */
    public static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    /** Start extended numbers one cycle up, so reordered packets before the first stay positive. */
    private static final long FIRST_CYCLE = SEQ_MOD;

    private final DuplicateWindow seen = new DuplicateWindow();
    private boolean started;
    private long maxExt;
    private long baseExt;
    private long expectedBefore;
    private long received;
    private int badSeq = -1;
    private long lastExt;

    /** Classifies {@code seq} (0..65535) and updates the counts; see {@link #lastExtended()}. */
    public SeqVerdict update(int seq) {
        if (!started) {
            start(seq);
            received++;
            return SeqVerdict.FIRST;
        }
        int maxSeq = (int) (maxExt & 0xFFFF);
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta == 0) {
            lastExt = maxExt;
            return SeqVerdict.DUPLICATE;
        }
        if (udelta < MAX_DROPOUT) {
            long ext = maxExt + udelta;
            seen.markSeen(ext);
            maxExt = ext;
            lastExt = ext;
            received++;
            badSeq = -1;
            return SeqVerdict.IN_ORDER;
        }
        if (udelta > SEQ_MOD - MAX_MISORDER) {
            long ext = maxExt - (SEQ_MOD - udelta);
            lastExt = ext;
            if (!seen.markSeen(ext)) {
                return SeqVerdict.DUPLICATE;
            }
            if (ext < baseExt) {
                baseExt = ext;
            }
            received++;
            return SeqVerdict.REORDERED;
        }
        if (badSeq >= 0 && ((seq + 1) & 0xFFFF) == badSeq) {
            return SeqVerdict.DUPLICATE; // the unconfirmed jump packet again
        }
        received++;
        if (seq == badSeq) {
            expectedBefore += expectedInSegment();
            start(seq);
            baseExt = maxExt - 1;
            seen.markSeen(baseExt);
            return SeqVerdict.RESTART;
        }
        badSeq = (seq + 1) & 0xFFFF;
        lastExt = maxExt + udelta;
        return SeqVerdict.JUMP;
    }

    private void start(int seq) {
        started = true;
        seen.reset();
        maxExt = FIRST_CYCLE + seq;
        baseExt = maxExt;
        lastExt = maxExt;
        badSeq = -1;
        seen.markSeen(maxExt);
    }

    private long expectedInSegment() {
        return maxExt - baseExt + 1;
    }

    /** Extended sequence number of the packet last passed to {@link #update}. */
    public long lastExtended() {
        return lastExt;
    }

    /** Highest extended sequence number (RFC 3550 A.1 {@code cycles + max_seq}, offset by one cycle). */
    public long highestExtended() {
        return maxExt;
    }

    /** Packets counted as received (duplicates excluded). */
    public long received() {
        return received;
    }

    /** Packets expected from the sequence numbers (A.3), summed over restarts. */
    public long expected() {
        return started ? expectedBefore + expectedInSegment() : 0;
    }

    /** Expected − received, never negative (A.3). */
    public long lost() {
        return Math.max(0, expected() - received);
    }
}
