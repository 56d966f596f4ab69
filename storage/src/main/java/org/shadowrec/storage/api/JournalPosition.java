package org.shadowrec.storage.api;

/**
 * Where a journal reader resumes: the Chronicle index of an excerpt and how many of its frames were already
 * delivered (0: none, resume at its first frame; {@link #WHOLE} or its frame count: all, resume at the next excerpt).
 * Taken with {@link PacketJournal.Reader#position()} or {@link PacketJournal.Reader#startOf(long)}, stored with
 * {@link PacketJournal.Reader#store(JournalPosition)}.
 *
 * @param index Chronicle index of the excerpt, -1 for the start of the journal
 * @param frames frames of that excerpt already delivered
 */
public record JournalPosition(long index, int frames) {
    /** Frames delivered when the whole excerpt was. */
    public static final int WHOLE = Integer.MAX_VALUE;
    /** The start of the journal. */
    public static final JournalPosition START = new JournalPosition(-1, WHOLE);

    public JournalPosition {
        if (frames < 0) {
            throw new IllegalArgumentException("frames " + frames);
        }
    }
}
