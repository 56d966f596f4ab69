package org.shadowrec.testpcaps.gen;

/**
 * ITU-T G.711 µ-law and A-law companding (segment search formulation of the ITU reference code).
 */
public final class G711 {
    private static final int[] SEG_U_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] SEG_A_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int U_BIAS = 0x84;
    private static final int U_CLIP = 8159;

    private G711() {
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    /** @return the µ-law byte for a linear 16-bit sample */
    public static byte linearToUlaw(int sample) {
        int pcm = sample >> 2;
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcm > U_CLIP) {
            pcm = U_CLIP;
        }
        pcm += U_BIAS >> 2;
        int seg = segment(pcm, SEG_U_END);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int u = (seg << 4) | ((pcm >> (seg + 1)) & 0x0F);
        return (byte) (u ^ mask);
    }

    /** @return the linear 16-bit sample for a µ-law byte */
    public static short ulawToLinear(byte b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + U_BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? U_BIAS - t : t - U_BIAS);
    }

    /** @return the A-law byte for a linear 16-bit sample */
    public static byte linearToAlaw(int sample) {
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int seg = segment(pcm, SEG_A_END);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int a = seg << 4;
        a |= seg < 2 ? (pcm >> 1) & 0x0F : (pcm >> seg) & 0x0F;
        return (byte) (a ^ mask);
    }

    /** @return the linear 16-bit sample for an A-law byte */
    public static short alawToLinear(byte b) {
        int a = (b & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
