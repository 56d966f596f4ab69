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

    /** Adds one sample at {@code pos}, saturating at the PCM16 range. */
    public void mix(long pos, int sample) {
        int i = slot(pos);
        int sum = ring[i] + sample;
        ring[i] = (short) (sum > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(sum, Short.MIN_VALUE));
    }

    /**
     * Expands {@code count} output samples of a G.711 payload into the ring from {@code pos}. When the payload
     * clock differs from the output rate the nearest earlier input sample is taken (sample-and-hold).
     */
    public void mixG711(long pos, short[] table, byte[] buf, int off, int len, int clockRate, int outRate) {
        if (clockRate == outRate) {
            for (int k = 0; k < len; k++) {
                mix(pos + k, table[buf[off + k] & 0xFF]);
            }
            return;
        }
        int count = (int) ((long) len * outRate / clockRate);
        for (int k = 0; k < count; k++) {
            int in = (int) ((long) k * clockRate / outRate);
            mix(pos + k, table[buf[off + in] & 0xFF]);
        }
    }

    /** Reads the sample at {@code pos} and clears its slot. */
    public short take(long pos) {
        int i = slot(pos);
        short s = ring[i];
        ring[i] = 0;
        return s;
    }
}
