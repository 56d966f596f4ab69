package org.shadowrec.rtp.internal;

/**
 * The not-yet-written audio of one output channel: a ring of PCM16 samples indexed by absolute sample position
 * modulo its capacity. {@link Timeline} guarantees that only positions inside its current window are touched.
 * Overlapping streams add with saturation. Slots are zeroed when taken, so untouched positions are silence.
 */
public final class ChannelBuffer {

    private final short[] ring;

    public ChannelBuffer(int capacity) {
        this.ring = new short[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    private int slot(long pos) {
        return (int) (pos % ring.length);
    }

    /**
     * Expands a G.711 payload into the ring from {@code pos}. When the payload clock differs from the output rate
     * the nearest earlier input sample is taken (sample-and-hold).
     */
    public void mixG711(long pos, short[] table, byte[] buf, int off, int len, int clockRate, int outRate) {
        short[] r = ring;
        int i = slot(pos);
        int count = clockRate == outRate ? len : (int) ((long) len * outRate / clockRate);
        for (int k = 0; k < count; k++) {
            int in = clockRate == outRate ? k : (int) ((long) k * clockRate / outRate);
            int sum = r[i] + table[buf[off + in] & 0xFF];
            r[i] = (short) (sum > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(sum, Short.MIN_VALUE));
            if (++i == r.length) {
                i = 0;
            }
        }
    }

    /**
     * Moves {@code frames} samples from {@code pos} into {@code out} at {@code outOff}, {@code stride} apart
     * (one channel of an interleaved block), clearing their slots.
     */
    public void take(long pos, int frames, short[] out, int outOff, int stride) {
        short[] r = ring;
        int i = slot(pos);
        for (int f = 0, o = outOff; f < frames; f++, o += stride) {
            out[o] = r[i];
            r[i] = 0;
            if (++i == r.length) {
                i = 0;
            }
        }
    }
}
