package org.shadowrec.rtp.testing;

/** Goertzel single-bin power detector, for asserting which tone a channel carries. */
public final class Goertzel {

    private Goertzel() {}

    /** Relative power of {@code freq} in {@code samples[off, off+n)} at {@code rate}. */
    public static double power(short[] samples, int off, int n, double freq, int rate) {
        double coeff = 2 * Math.cos(2 * Math.PI * freq / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = samples[off + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / n;
    }
}
