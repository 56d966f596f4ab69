package org.shadowrec.rtp.internal;

/**
 * 16-bit RTP sequence number; arithmetic and ordering wrap at 2^16 (RFC 3550 §5.1, Appendix A.1). Ordering across
 * the wrap is not transitive: never sort values spread over more than half the range.
 *
 * @param value 0..65535
 */
public record SeqNo(int value) implements Comparable<SeqNo> {

    public SeqNo {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("sequence number out of range: " + value);
        }
    }

    /** Takes the low 16 bits of {@code raw}. */
    public static SeqNo of(int raw) {
        return new SeqNo(raw & 0xFFFF);
    }

    public SeqNo plus(int n) {
        return of(value + n);
    }

    /** Signed distance from {@code other} to this, in [-32768, 32767]; positive when this is after other. */
    public int delta(SeqNo other) {
        return delta(value, other.value);
    }

    /** {@link #delta(SeqNo)} on raw values, for the per-packet path. */
    public static int delta(int a, int b) {
        return (short) (a - b);
    }

    /** Forward distance from {@code other} to this modulo 2^16, in [0, 65535] (the {@code udelta} of A.1). */
    public int forwardDistance(SeqNo other) {
        return (value - other.value) & 0xFFFF;
    }

    public boolean isAfter(SeqNo other) {
        return delta(other) > 0;
    }

    @Override
    public int compareTo(SeqNo other) {
        return Integer.signum(delta(other));
    }
}
