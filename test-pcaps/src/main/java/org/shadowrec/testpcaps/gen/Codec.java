package org.shadowrec.testpcaps.gen;

/** The G.711 payload the generator can put into RTP (RFC 3551 §4.5.14, static payload types). */
public enum Codec {
    /** G.711 µ-law, payload type 0. */
    PCMU(0),
    /** G.711 A-law, payload type 8. */
    PCMA(8);

    private final int payloadType;

    Codec(int payloadType) {
        this.payloadType = payloadType;
    }

    /** @return the RTP payload type (RFC 3551 table 4) */
    public int payloadType() {
        return payloadType;
    }

    /** @return one encoded byte for one linear 16-bit sample */
    public byte encode(int sample) {
        return this == PCMU ? G711.linearToUlaw(sample) : G711.linearToAlaw(sample);
    }

    /** @return the linear 16-bit sample for one encoded byte */
    public short decode(byte b) {
        return this == PCMU ? G711.ulawToLinear(b) : G711.alawToLinear(b);
    }
}
