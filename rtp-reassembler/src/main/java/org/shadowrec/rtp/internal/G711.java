package org.shadowrec.rtp.internal;

/**
 * ITU-T G.711 expansion to linear PCM16 by table: µ-law (PCMU, RFC 3551 §4.5.14) and A-law (PCMA). The tables are
 * computed once from the segment/quantisation layout of the code words:
 * µ-law: complement all bits, then sign (1), exponent (3), mantissa (4); value = ((mantissa·8 + 132) · 2^exponent) − 132.
 * A-law: XOR with 0x55, then sign, exponent, mantissa; value = mantissa·16 + 8 for exponent 0, else
 * (mantissa·16 + 264) · 2^(exponent−1). Sign bit set means positive in both after the bit flip.
 */
public final class G711 {

    private static final short[] ULAW = new short[256];
    private static final short[] ALAW = new short[256];
    private static final int ULAW_BIAS = 0x84;

    static {
        for (int code = 0; code < 256; code++) {
            ULAW[code] = (short) expandUlaw(code);
            ALAW[code] = (short) expandAlaw(code);
        }
    }

    private G711() {}

    private static int expandUlaw(int code) {
        int u = ~code & 0xFF;
        int t = (((u & 0x0F) << 3) + ULAW_BIAS) << ((u & 0x70) >>> 4);
        return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    private static int expandAlaw(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >>> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (seg - 1);
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    /** µ-law code word (0..255) to PCM16. */
    public static short ulaw(int code) {
        return ULAW[code & 0xFF];
    }

    /** A-law code word (0..255) to PCM16. */
    public static short alaw(int code) {
        return ALAW[code & 0xFF];
    }

    /** The 256-entry µ-law table, shared (do not modify). */
    static short[] ulawTable() {
        return ULAW;
    }

    /** The 256-entry A-law table, shared (do not modify). */
    static short[] alawTable() {
        return ALAW;
    }
}
