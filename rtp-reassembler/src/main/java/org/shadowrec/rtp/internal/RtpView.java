package org.shadowrec.rtp.internal;

/**
 * Zero-copy, reusable view of one RTP packet inside a larger buffer (RFC 3550 §5.1). Every accessor is relative to
 * the {@code off} given to {@link #wrap}: nothing assumes the packet starts at index 0 (jitsi's {@code getCsrcs}
 * did, and its tests at offset 0 could not see it).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  if X (RFC 3550 §5.3.1):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  length in 32-bit words,
 * |                        header extension                       |  not counting this word
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 payload ...   | padding (if P)  | pad count   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Impossible lengths are rejected by {@link #wrap}, which returns a reason instead of throwing; after a result
 * other than {@link RtpCheck#OK} the accessors must not be used. Confined to one thread; reused for every packet.
 */
public final class RtpView {

    /** Fixed header length (RFC 3550 §5.1). */
    public static final int FIXED_HEADER = 12;

    private byte[] buf;
    private int off;
    private int len;
    private int payloadOffset;
    private int payloadLength;
    private int paddingLength;
    private boolean valid;

    /**
     * Points this view at {@code len} bytes of {@code buf} starting at {@code off} and checks the header.
     * RTCP is recognised by the RFC 5761 §4 demultiplexing rule (version 2, second byte 192..223).
     */
    public RtpCheck wrap(byte[] buf, int off, int len) {
        this.valid = false;
        if (buf == null || off < 0 || len < 0 || off > buf.length || len > buf.length - off) {
            return RtpCheck.BAD_BOUNDS;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        if (len < 2) {
            return RtpCheck.TOO_SHORT;
        }
        if ((buf[off] & 0xC0) != 0x80) {
            return RtpCheck.BAD_VERSION;
        }
        int second = buf[off + 1] & 0xFF;
        if (second >= 192 && second <= 223) {
            return RtpCheck.RTCP;
        }
        if (len < FIXED_HEADER) {
            return RtpCheck.TOO_SHORT;
        }
        int header = FIXED_HEADER + 4 * csrcCount();
        if (header > len) {
            return RtpCheck.CSRC_OVERFLOW;
        }
        if (hasExtension()) {
            if (header + 4 > len) {
                return RtpCheck.EXTENSION_OVERFLOW;
            }
            int words = u16(off + header + 2);
            header += 4 + 4 * words;
            if (header > len) {
                return RtpCheck.EXTENSION_OVERFLOW;
            }
        }
        int padding = 0;
        if (hasPadding()) {
            padding = buf[off + len - 1] & 0xFF;
            if (padding == 0 || padding > len - header) {
                return RtpCheck.BAD_PADDING;
            }
        }
        this.payloadOffset = off + header;
        this.paddingLength = padding;
        this.payloadLength = len - header - padding;
        this.valid = true;
        return RtpCheck.OK;
    }

    /** True after a {@link #wrap} that returned {@link RtpCheck#OK}. */
    public boolean valid() {
        return valid;
    }

    public int version() {
        return (buf[off] & 0xFF) >>> 6;
    }

    public boolean hasPadding() {
        return (buf[off] & 0x20) != 0;
    }

    public boolean hasExtension() {
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0F;
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    /** Sequence number, 0..65535. */
    public int sequenceNumber() {
        return u16(off + 2);
    }

    /** RTP timestamp as an unsigned 32-bit value in a long. */
    public long timestamp() {
        return u32(off + 4);
    }

    /** SSRC as an unsigned 32-bit value in a long. */
    public long ssrc() {
        return u32(off + 8);
    }

    /** The i-th CSRC (unsigned), {@code 0 <= i < csrcCount()}. */
    public long csrc(int i) {
        if (i < 0 || i >= csrcCount()) {
            throw new IndexOutOfBoundsException("csrc " + i + " of " + csrcCount());
        }
        return u32(off + FIXED_HEADER + 4 * i);
    }

    /** All CSRCs (allocates; for diagnostics and tests, not the per-packet path). */
    public long[] csrcs() {
        long[] out = new long[csrcCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = csrc(i);
        }
        return out;
    }

    private int extensionStart() {
        return off + FIXED_HEADER + 4 * csrcCount();
    }

    /** The 16-bit "defined by profile" field of the header extension, or -1 without one. */
    public int extensionProfile() {
        return hasExtension() ? u16(extensionStart()) : -1;
    }

    /** Absolute index in the buffer of the extension data (after its 4-byte header). */
    public int extensionDataOffset() {
        return extensionStart() + 4;
    }

    /** Length in bytes of the extension data (the length field × 4), 0 without an extension. */
    public int extensionDataLength() {
        return hasExtension() ? 4 * u16(extensionStart() + 2) : 0;
    }

    /** Absolute index in the buffer of the first payload byte. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes, padding excluded. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Padding bytes including the count byte, 0 without padding. */
    public int paddingLength() {
        return paddingLength;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Byte at {@code i} of the payload, unsigned. */
    public int payloadByte(int i) {
        return buf[payloadOffset + i] & 0xFF;
    }

    private int u16(int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    private long u32(int at) {
        return ((long) (buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
                | (buf[at + 3] & 0xFF);
    }
}
