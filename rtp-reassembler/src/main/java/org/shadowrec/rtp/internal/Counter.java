package org.shadowrec.rtp.internal;

/** Everything a {@link org.shadowrec.rtp.api.RecordingMixer} counts, with its stable kebab-case key. */
public enum Counter {
    /** Valid RTP packets (duplicates included). */
    RTP("rtp"),
    /** Payloads that are neither RTP nor RTCP; the reason is counted too, as {@code not-rtp-<reason>}. */
    NOT_RTP("not-rtp"),
    NOT_RTP_BAD_BOUNDS("not-rtp-bad-bounds"),
    NOT_RTP_TOO_SHORT("not-rtp-too-short"),
    NOT_RTP_BAD_VERSION("not-rtp-bad-version"),
    NOT_RTP_CSRC_OVERFLOW("not-rtp-csrc-overflow"),
    NOT_RTP_EXTENSION_OVERFLOW("not-rtp-extension-overflow"),
    NOT_RTP_BAD_PADDING("not-rtp-bad-padding"),
    /** RTCP multiplexed on the RTP port (RFC 5761). */
    RTCP("rtcp"),
    /** Streams created (a new SSRC on a flow). */
    NEW_STREAM("new-stream"),
    /** Packets of a new SSRC dropped because the flow already has its maximum of streams. */
    TOO_MANY_STREAMS("too-many-streams"),
    DUPLICATE("duplicate"),
    /** Big sequence jumps (RFC 3550 A.1), and confirmed sender restarts. */
    SEQ_JUMP("seq-jump"),
    SEQ_RESTART("seq-restart"),
    /** Streams re-anchored because their timestamps drifted from arrival by more than resyncMillis. */
    RESYNC("resync"),
    /** Packets whose audio position was already written. */
    LATE("late"),
    /** Packets placed beyond the buffer (reorder window + maxLead past the flushed point): dropped. */
    TOO_FAR_AHEAD("too-far-ahead"),
    /** Packets with no payload bytes (nothing to place). */
    EMPTY_PAYLOAD("empty-payload"),
    /** RFC 3389 comfort-noise packets (silence). */
    COMFORT_NOISE("comfort-noise"),
    /** RFC 4733 telephone-event packets, and the ones too short to read. */
    TELEPHONE_EVENT("telephone-event"),
    TELEPHONE_EVENT_MALFORMED("telephone-event-malformed"),
    /** Audio packets of a codec that is not decoded (silence for their span). */
    UNDECODED("undecoded"),
    /** Audio packets decoded into the mix. */
    DECODED("decoded");

    private final String key;

    Counter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The reason counter for a rejected packet. */
    static Counter notRtpReason(RtpCheck check) {
        return switch (check) {
            case BAD_BOUNDS -> NOT_RTP_BAD_BOUNDS;
            case TOO_SHORT -> NOT_RTP_TOO_SHORT;
            case BAD_VERSION -> NOT_RTP_BAD_VERSION;
            case CSRC_OVERFLOW -> NOT_RTP_CSRC_OVERFLOW;
            case EXTENSION_OVERFLOW -> NOT_RTP_EXTENSION_OVERFLOW;
            case BAD_PADDING -> NOT_RTP_BAD_PADDING;
            case OK, RTCP -> throw new IllegalArgumentException("not a rejection: " + check);
        };
    }
}
