package org.shadowrec.rtp.internal;

/** What the pipeline does with a payload type. */
public enum PayloadKind {
    /** G.711 µ-law, decoded. */
    PCMU,
    /** G.711 A-law, decoded. */
    PCMA,
    /** RFC 4733 telephone-event: DTMF events, not audio. */
    TELEPHONE_EVENT,
    /** RFC 3389 comfort noise: silence, counted. */
    COMFORT_NOISE,
    /** Audio we do not decode: silence for its span. */
    UNDECODED;

    /** True for the kinds whose name counts as "the codec" of a stream. */
    public boolean audio() {
        return this != TELEPHONE_EVENT && this != COMFORT_NOISE;
    }

    public boolean decoded() {
        return this == PCMU || this == PCMA;
    }

    static PayloadKind of(String encoding) {
        return switch (encoding) {
            case "PCMU" -> PCMU;
            case "PCMA" -> PCMA;
            case "TELEPHONE-EVENT" -> TELEPHONE_EVENT;
            case "CN" -> COMFORT_NOISE;
            default -> UNDECODED;
        };
    }
}
