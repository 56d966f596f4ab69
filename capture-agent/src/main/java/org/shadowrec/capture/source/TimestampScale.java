package org.shadowrec.capture.source;

/**
 * Converts a pcapng interface's 64-bit timestamps to epoch nanoseconds (RFC-draft pcapng §4.2, options
 * {@code if_tsresol} and {@code if_tsoffset}). {@code if_tsresol}: most significant bit clear → units of
 * 10<sup>-n</sup> s, set → 2<sup>-n</sup> s, n in the low seven bits; absent → 10<sup>-6</sup>. {@code if_tsoffset}:
 * seconds to add to every timestamp. Sub-nanosecond units are truncated toward zero.
 */
final class TimestampScale {
    /** The default {@code if_tsresol}: microseconds. */
    static final int DEFAULT_TSRESOL = 6;

    private final int exponent;
    private final long multiplier;
    private final long divisor;
    private final long offsetNanos;

    private TimestampScale(boolean binary, int exponent, long offsetSeconds) {
        this.exponent = exponent;
        this.multiplier = !binary && exponent <= 9 ? pow10(9 - exponent) : 0;
        this.divisor = !binary && exponent > 9 ? pow10(exponent - 9) : 0;
        this.offsetNanos = offsetSeconds * 1_000_000_000L;
    }

    /**
     * @param tsresol the option byte; resolutions finer than 10<sup>-18</sup> s or 2<sup>-63</sup> s are refused
     * @return the scale, or null when the resolution is not supported
     */
    static TimestampScale of(int tsresol, long offsetSeconds) {
        boolean binary = (tsresol & 0x80) != 0;
        int exponent = tsresol & 0x7F;
        if (binary ? exponent > 63 : exponent > 18) {
            return null;
        }
        return new TimestampScale(binary, exponent, offsetSeconds);
    }

    /** @param ts the block's timestamp, an unsigned 64-bit count of units */
    long toNanos(long ts) {
        if (multiplier != 0) {
            return ts * multiplier + offsetNanos;
        }
        if (divisor != 0) {
            return Long.divideUnsigned(ts, divisor) + offsetNanos;
        }
        long seconds = ts >>> exponent;
        if (exponent == 0) {
            return seconds * 1_000_000_000L + offsetNanos;
        }
        long fraction = ts & (-1L >>> (64 - exponent));
        // fraction < 2^63: the 128-bit product fraction * 10^9, shifted right by the exponent, is below 10^9.
        long lo = fraction * 1_000_000_000L;
        long hi = Math.multiplyHigh(fraction, 1_000_000_000L);
        long fractionNanos = (lo >>> exponent) | (hi << (64 - exponent));
        return seconds * 1_000_000_000L + fractionNanos + offsetNanos;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int k = 0; k < n; k++) {
            v *= 10;
        }
        return v;
    }
}
