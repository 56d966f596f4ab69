package org.shadowrec.testpcaps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PCM16 WAV file: RIFF/WAVE with a {@code fmt } chunk (WAVE_FORMAT_PCM = 1, or WAVE_FORMAT_EXTENSIBLE with the PCM
 * sub-format) and a {@code data} chunk; other chunks are skipped. Samples are de-interleaved per channel.
 *
 * @param channels channel count
 * @param rate     sample rate in Hz
 * @param samples  {@code samples[channel][frame]}
 */
public record Wav(int channels, int rate, short[][] samples) {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** @return frames (samples per channel) */
    public int frames() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    /** @return length in seconds */
    public double seconds() {
        return frames() / (double) rate;
    }

    /**
     * Reads a PCM16 WAV file.
     *
     * @throws IOException when the file is not RIFF/WAVE PCM16 or is truncated
     */
    public static Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException("not RIFF/WAVE: " + file);
        }
        b.position(12);
        int channels = -1;
        int rate = -1;
        while (b.remaining() >= 8) {
            int id = b.getInt();
            long size = b.getInt() & 0xFFFF_FFFFL;
            int body = b.position();
            if (id == 0x20746D66) {
                int format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && size >= 26) {
                    format = b.getShort(body + 24) & 0xFFFF;
                }
                if (format != FORMAT_PCM || bits != 16 || channels < 1) {
                    throw new IOException("not PCM16: format " + format + ", " + bits + " bits, " + channels
                            + " channels");
                }
            } else if (id == 0x61746164) {
                if (channels < 1) {
                    throw new IOException("data chunk before fmt chunk");
                }
                long available = Math.min(size, b.remaining());
                int frames = (int) (available / (2L * channels));
                short[][] s = new short[channels][frames];
                for (int f = 0; f < frames; f++) {
                    for (int c = 0; c < channels; c++) {
                        s[c][f] = b.getShort(body + 2 * (f * channels + c));
                    }
                }
                return new Wav(channels, rate, s);
            }
            long next = body + size + (size & 1);
            if (next > b.limit()) {
                break;
            }
            b.position((int) next);
        }
        throw new IOException("no data chunk: " + file);
    }

    /** Writes this as a canonical 44-byte-header PCM16 WAV. */
    public void write(Path file) throws IOException {
        int frames = frames();
        int dataBytes = frames * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157)
                .putInt(0x20746D66).putInt(16).putShort((short) FORMAT_PCM).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .putInt(0x61746164).putInt(dataBytes);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                b.putShort(samples[c][f]);
            }
        }
        Files.write(file, b.array());
    }
}
