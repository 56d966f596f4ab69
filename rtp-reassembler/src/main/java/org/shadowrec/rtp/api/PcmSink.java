package org.shadowrec.rtp.api;

import java.io.IOException;

/** Receives finished audio: interleaved signed 16-bit frames, in order, never rewritten. */
public interface PcmSink {
    /**
     * @param interleaved samples, {@code channels} per frame
     * @param frameOffset first frame to take
     * @param frames number of frames
     */
    void write(short[] interleaved, int frameOffset, int frames) throws IOException;

    /**
     * The same audio as {@link #write}, already encoded as interleaved signed 16-bit little-endian samples (the WAV
     * layout), so a sink that stores bytes can copy them as they are. The mixer calls this one instead of
     * {@link #write} when {@link #littleEndian()} is true; the default decodes the bytes and calls {@link #write}.
     *
     * @param le little-endian samples, {@code 2 * channels} bytes per frame, starting at {@code byteOffset}
     * @param byteOffset first byte to take
     * @param frames number of frames
     * @param channels samples per frame
     */
    /** True when this sink would rather receive {@link #writeLittleEndian} (a sink storing WAV bytes). */
    default boolean littleEndian() {
        return false;
    }

    default void writeLittleEndian(byte[] le, int byteOffset, int frames, int channels) throws IOException {
        short[] samples = new short[frames * channels];
        for (int i = 0, b = byteOffset; i < samples.length; i++, b += 2) {
            samples[i] = (short) ((le[b] & 0xFF) | (le[b + 1] << 8));
        }
        write(samples, 0, frames);
    }
}
