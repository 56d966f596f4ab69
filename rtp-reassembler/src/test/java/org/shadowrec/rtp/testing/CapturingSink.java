package org.shadowrec.rtp.testing;

import java.util.Arrays;
import org.shadowrec.rtp.api.PcmSink;

/** An in-memory {@link PcmSink} that keeps every frame, and can split them into channels. */
public final class CapturingSink implements PcmSink {

    private final int channels;
    private short[] data = new short[1 << 16];
    private int frames;
    private int writes;

    public CapturingSink(int channels) {
        this.channels = channels;
    }

    @Override
    public void write(short[] interleaved, int frameOffset, int count) {
        int need = (frames + count) * channels;
        if (need > data.length) {
            data = Arrays.copyOf(data, Math.max(need, data.length * 2));
        }
        System.arraycopy(interleaved, frameOffset * channels, data, frames * channels, count * channels);
        frames += count;
        writes++;
    }

    public int frames() {
        return frames;
    }

    public int writes() {
        return writes;
    }

    /** The samples of one channel. */
    public short[] channel(int c) {
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            out[f] = data[f * channels + c];
        }
        return out;
    }

    /** All interleaved samples. */
    public short[] interleaved() {
        return Arrays.copyOf(data, frames * channels);
    }
}
