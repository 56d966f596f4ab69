package org.shadowrec.storage.internal;

/**
 * Binary layout of one journal excerpt (little-endian, as Chronicle Bytes writes it), written as raw bytes inside a
 * Chronicle document rather than self-describing wire fields so that appending costs a few stores and one copy.
 *
 * <pre>
 *  offset size field
 *   0      8   captureNanos  epoch nanoseconds
 *   8      4   sourceId      capture source / interface
 *  12      4   linkType      pcap LINKTYPE_*
 *  16      4   wireLength    original length on the wire
 *  20      n   frame bytes   n = document length - 20 (the captured length)
 * </pre>
 *
 * An excerpt may instead hold a batch of frames (written by a batching appender: fewer, larger Chronicle documents).
 * It starts with {@link #BATCH_MARKER}, a negative value no capture time takes, then the frames one after another:
 *
 * <pre>
 *  offset size field
 *   0      8   BATCH_MARKER
 *   8      4   count         frames in the batch, 1..MAX_BATCH_FRAMES
 *  12      …   count × { captureNanos 8, sourceId 4, linkType 4, wireLength 4, length 4, frame bytes length }
 * </pre>
 *
 * Changing this layout needs a new journal directory or a version field: old journals must stay readable.
 */
public final class FrameLayout {
    /** Bytes before the frame bytes. */
    public static final int HEADER_BYTES = 20;

    /**
     * Largest frame stored: the pcap maximum snapshot length (262 144). Longer frames are truncated to it, keeping
     * their wire length, as a snap length would.
     */
    public static final int MAX_FRAME_BYTES = 262_144;

    /** First 8 bytes of a batch excerpt (a single-frame excerpt starts with a capture time, never negative). */
    public static final long BATCH_MARKER = 0x8000_0000_5342_0001L;

    /** Bytes of a batch header (marker + count). */
    public static final int BATCH_HEADER_BYTES = 12;

    /** Bytes before each frame's bytes inside a batch (the frame header + its length). */
    public static final int BATCH_FRAME_HEADER_BYTES = HEADER_BYTES + 4;

    /** Most frames one batch excerpt holds. */
    public static final int MAX_BATCH_FRAMES = 1024;

    /** Frame bytes above which a batching appender writes its batch out (a longer frame goes alone). */
    public static final int BATCH_BYTES = 64 * 1024;

    private FrameLayout() {
    }
}
