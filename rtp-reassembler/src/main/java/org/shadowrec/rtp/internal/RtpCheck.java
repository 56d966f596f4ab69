package org.shadowrec.rtp.internal;

/** Outcome of {@link RtpView#wrap}: either {@link #OK} or why the bytes are not an RTP packet. */
public enum RtpCheck {
    /** A well-formed RTP packet. */
    OK("ok"),
    /** Version 2 with a second byte in 192..223: RTCP multiplexed on the RTP port (RFC 5761 §4). */
    RTCP("rtcp"),
    /** Offset or length outside the buffer. */
    BAD_BOUNDS("bad-bounds"),
    /** Shorter than the 12-byte fixed header (or 2 bytes for the RTCP check). */
    TOO_SHORT("too-short"),
    /** Version field is not 2 (RFC 3550 §5.1). */
    BAD_VERSION("bad-version"),
    /** The CSRC list (CC × 4 bytes) runs past the end. */
    CSRC_OVERFLOW("csrc-overflow"),
    /** The header extension (RFC 3550 §5.3.1) runs past the end. */
    EXTENSION_OVERFLOW("extension-overflow"),
    /** Padding count is zero or larger than the payload (RFC 3550 §5.1, P bit). */
    BAD_PADDING("bad-padding");

    private final String key;

    RtpCheck(String key) {
        this.key = key;
    }

    /** Stable kebab-case counter key. */
    public String key() {
        return key;
    }
}
