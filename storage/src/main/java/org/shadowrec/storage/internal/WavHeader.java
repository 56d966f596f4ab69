package org.shadowrec.storage.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The canonical 44-byte RIFF/WAVE header of uncompressed PCM, 16 bits per sample, little-endian (Microsoft
 * "Multimedia Programming Interface and Data Specifications 1.0", RIFF WAVE: {@code fmt } chunk of 16 bytes with
 * {@code WAVE_FORMAT_PCM}, then the {@code data} chunk).
 *
 * <pre>
 *  0 "RIFF"  4 riffSize = 36 + dataSize  8 "WAVE"
 * 12 "fmt "  16 16 (fmt size)  20 1 (PCM, u16)  22 channels (u16)  24 sampleRate (u32)
 * 28 byteRate = rate * blockAlign (u32)  32 blockAlign = channels * 2 (u16)  34 16 (bits, u16)
 * 36 "data"  40 dataSize (u32)  44 samples, interleaved
 * </pre>
 */
public final class WavHeader {
    public static final int BYTES = 44;
    /** Offset of the RIFF chunk size. */
    public static final int RIFF_SIZE_OFFSET = 4;
    /** Offset of the data chunk size. */
    public static final int DATA_SIZE_OFFSET = 40;
    /** Largest data chunk a 32-bit RIFF size can describe, rounded down to whole frames by the writer. */
    public static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;

    private static final int RIFF = 0x4646_4952;  // "RIFF" read little-endian
    private static final int WAVE = 0x4556_4157;  // "WAVE"
    private static final int FMT = 0x2074_6D66;   // "fmt "
    private static final int DATA = 0x6174_6164;  // "data"
    private static final int PCM = 1;
    private static final int BITS = 16;

    private WavHeader() {
    }

    /** Writes the header for {@code dataBytes} of PCM into {@code out} (44 bytes from its position). */
    public static void write(ByteBuffer out, int channels, int sampleRate, long dataBytes) {
        ByteBuffer b = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * 2;
        b.putInt(RIFF).putInt((int) (36 + dataBytes)).putInt(WAVE);
        b.putInt(FMT).putInt(16).putShort((short) PCM).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) BITS);
        b.putInt(DATA).putInt((int) dataBytes);
    }

    /** A fresh 44-byte header buffer, positioned at 0. */
    public static ByteBuffer of(int channels, int sampleRate, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        write(b, channels, sampleRate, dataBytes);
        return b;
    }

    /** The two size fields as one 4-byte little-endian value each. */
    public static ByteBuffer size(long value) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, (int) value);
        return b;
    }

    /**
     * Parses a header this writer produced. Returns null when the 44 bytes are not a PCM16 header with the fmt
     * chunk at 12 and the data chunk at 36.
     */
    public static Parsed parse(ByteBuffer in) {
        ByteBuffer b = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < BYTES) {
            return null;
        }
        int p = b.position();
        if (b.getInt(p) != RIFF || b.getInt(p + 8) != WAVE || b.getInt(p + 12) != FMT || b.getInt(p + 16) != 16
                || b.getShort(p + 20) != PCM || b.getShort(p + 34) != BITS || b.getInt(p + 36) != DATA) {
            return null;
        }
        int channels = b.getShort(p + 22) & 0xFFFF;
        int rate = b.getInt(p + 24);
        int blockAlign = b.getShort(p + 32) & 0xFFFF;
        if (channels == 0 || rate <= 0 || blockAlign != channels * 2 || b.getInt(p + 28) != rate * blockAlign) {
            return null;
        }
        return new Parsed(channels, rate, b.getInt(p + 4) & 0xFFFF_FFFFL, b.getInt(p + 40) & 0xFFFF_FFFFL);
    }

    /** Header fields recovery needs. */
    public record Parsed(int channels, int sampleRate, long riffSize, long dataSize) {
        public int blockAlign() {
            return channels * 2;
        }
    }
}
