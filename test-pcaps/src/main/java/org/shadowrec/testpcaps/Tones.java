package org.shadowrec.testpcaps;

/**
 * What tone a stretch of PCM holds and how loud it is. {@link #dominantHz} sweeps the Goertzel algorithm over
 * 50–(rate/2 − 50) Hz in 10 Hz steps, then refines ±10 Hz around the best bin in 1 Hz steps; with ≥ 0.1 s of samples
 * the answer is within a few Hz of a pure tone.
 */
public final class Tones {
    private static final int COARSE_STEP_HZ = 10;
    private static final int MIN_HZ = 50;

    private Tones() {
    }

    /**
     * @param samples PCM16 samples
     * @param rate    sample rate in Hz
     * @param from    first sample index (inclusive)
     * @param to      last sample index (exclusive)
     * @return the frequency with the most energy, in Hz; 0 when the range is empty or silent
     */
    public static int dominantHz(short[] samples, int rate, int from, int to) {
        checkRange(samples, from, to);
        if (to - from < 2 || rms(samples, from, to) < 1.0) {
            return 0;
        }
        int max = rate / 2 - MIN_HZ;
        int best = MIN_HZ;
        double bestPower = -1;
        for (int hz = MIN_HZ; hz <= max; hz += COARSE_STEP_HZ) {
            double p = power(samples, rate, from, to, hz);
            if (p > bestPower) {
                bestPower = p;
                best = hz;
            }
        }
        int coarse = best;
        for (int hz = Math.max(1, coarse - COARSE_STEP_HZ); hz <= coarse + COARSE_STEP_HZ; hz++) {
            double p = power(samples, rate, from, to, hz);
            if (p > bestPower) {
                bestPower = p;
                best = hz;
            }
        }
        return best;
    }

    /** @return {@link #dominantHz(short[], int, int, int)} over all samples */
    public static int dominantHz(short[] samples, int rate) {
        return dominantHz(samples, rate, 0, samples.length);
    }

    /** @return root mean square of samples [from, to), in linear units (0 … 32768) */
    public static double rms(short[] samples, int from, int to) {
        checkRange(samples, from, to);
        if (to == from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** @return RMS relative to a full-scale sine (0 dBFS = peak 32767), −∞ for silence */
    public static double rmsDbfs(short[] samples, int from, int to) {
        return 20 * Math.log10(rms(samples, from, to) * Math.sqrt(2) / 32767.0);
    }

    /** @return Goertzel power of {@code hz} over samples [from, to) */
    public static double power(short[] samples, int rate, int from, int to, double hz) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double s0 = samples[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static void checkRange(short[] samples, int from, int to) {
        if (from < 0 || to > samples.length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside 0.." + samples.length);
        }
    }
}
