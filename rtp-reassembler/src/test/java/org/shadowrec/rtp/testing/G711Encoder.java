package org.shadowrec.rtp.testing;

/**
 * Reference G.711 compressor for tests (linear PCM16 → µ-law / A-law), written from the segment layout in ITU-T
 * G.711: find the segment (exponent) of the biased magnitude, keep 4 mantissa bits, then invert (µ-law) or XOR 0x55
 * (A-law).
 */
public final class G711Encoder {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private G711Encoder() {}

    public static int ulaw(int pcm) {
        int sign = pcm < 0 ? 0x80 : 0;
        int mag = Math.min(Math.abs(pcm), ULAW_CLIP) + ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (mag & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (mag >> (exponent + 3)) & 0x0F;
        return ~(sign | (exponent << 4) | mantissa) & 0xFF;
    }

    public static int alaw(int pcm) {
        int sign = pcm >= 0 ? 0x80 : 0;
        int mag = pcm < 0 ? Math.min(-pcm - 1, 32767) : pcm;
        // A-law works on 13-bit magnitudes; the decoder rebuilds 16-bit values (×16 with half-step offset).
        mag >>= 3;
        int code;
        if (mag < 32) {
            code = mag >> 1;
        } else {
            int exponent = 1;
            for (int m = mag >> 5; m > 1; m >>= 1) {
                exponent++;
            }
            code = (exponent << 4) | ((mag >> exponent) & 0x0F);
        }
        return (sign | code) ^ 0x55;
    }

    public static byte[] ulaw(short[] pcm, int off, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) ulaw(pcm[off + i]);
        }
        return out;
    }
}
