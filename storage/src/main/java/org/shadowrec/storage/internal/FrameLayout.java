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

    private FrameLayout() {
    }
}
