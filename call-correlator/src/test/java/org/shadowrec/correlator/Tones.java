package org.shadowrec.correlator;

/** Tone detection on recorded PCM16 samples (Goertzel algorithm), to prove which party is on which channel. */
final class Tones {
    private Tones() {}

    /** Power of frequency {@code hz} in {@code samples[from, to)}. */
    static double power(short[] samples, int from, int to, double hz, int rate) {
        double k = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + k * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - k * s1 * s2;
    }

    /** True when {@code hz} carries at least 100 times the power of {@code otherHz} in the range. */
    static boolean dominates(short[] samples, int from, int to, double hz, double otherHz, int rate) {
        double p = power(samples, from, to, hz, rate);
        double q = power(samples, from, to, otherHz, rate);
        return p > 1e6 && p > 100 * q;
    }

    /** Root mean square of the range. */
    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
