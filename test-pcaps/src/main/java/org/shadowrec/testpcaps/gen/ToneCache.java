package org.shadowrec.testpcaps.gen;

import java.util.HashMap;
import java.util.Map;

/**
 * One second (8,000 samples) of an encoded sine per (frequency, codec). An integer frequency at 8 kHz repeats
 * exactly every 8,000 samples, so packet k's payload is bytes [(160 k) mod 8000, +160) with a continuous phase.
 */
final class ToneCache {
    /** Peak amplitude of -10 dBFS: 32767 × 10^(-10/20). */
    static final double AMPLITUDE = 32767 * StrictMath.pow(10, -10 / 20.0);
    static final int RATE = 8000;

    private final Map<String, byte[]> cache = new HashMap<>();

    byte[] tone(int hz, Codec codec) {
        return cache.computeIfAbsent(hz + "/" + codec, k -> {
            byte[] b = new byte[RATE];
            for (int n = 0; n < RATE; n++) {
                b[n] = codec.encode((int) Math.round(AMPLITUDE * StrictMath.sin(2 * Math.PI * hz * n / RATE)));
            }
            return b;
        });
    }
}
