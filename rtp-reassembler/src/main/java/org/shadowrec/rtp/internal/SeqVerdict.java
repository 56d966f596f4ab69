package org.shadowrec.rtp.internal;

/** How {@link ExtendedSeqTracker} classified one packet's sequence number. */
public enum SeqVerdict {
    /** First packet of the stream. */
    FIRST,
    /** Ahead of the highest sequence number so far, within MAX_DROPOUT (gaps are losses until filled). */
    IN_ORDER,
    /** Behind the highest, within MAX_MISORDER, not seen before: a late arrival that fills a gap. */
    REORDERED,
    /** Seen before within the duplicate window: drop. */
    DUPLICATE,
    /** Far away from the highest; kept, but sequence state waits for a second packet to confirm a restart. */
    JUMP,
    /** Follows a {@link #JUMP} packet: the sender restarted its sequence; accounting continues from here. */
    RESTART;

    /** True when the packet carries new media and goes on down the pipeline. */
    public boolean accepted() {
        return this != DUPLICATE;
    }
}
