package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** A known PCM pattern and a reader through the JDK's own WAV parser. */
final class Wav {
    private Wav() {
    }

    /** Sample of frame {@code f}, channel {@code c}: distinct per channel, covers the full 16-bit range. */
    static short sample(long f, int c) {
        return c == 0 ? (short) (f * 131) : (short) ~((f * 7) ^ 0x5A5A ^ (f >>> 9));
    }

    /** Frames {@code [from, from + frames)} of the pattern, interleaved, placed at {@code frameOffset} of a larger
     * array with junk around them. */
    static short[] chunk(long from, int frames, int channels, int frameOffset, int trailingFrames) {
        short[] a = new short[(frameOffset + frames + trailingFrames) * channels];
        java.util.Arrays.fill(a, (short) 0x7E7E);
        for (int k = 0; k < frames; k++) {
            for (int c = 0; c < channels; c++) {
                a[(frameOffset + k) * channels + c] = sample(from + k, c);
            }
        }
        return a;
    }

    record Read(AudioFormat format, long frameLength, short[] samples) {}

    static Read read(Path file) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            byte[] bytes = in.readAllBytes();
            short[] s = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return new Read(in.getFormat(), in.getFrameLength(), s);
        }
    }

    /** Asserts PCM16 LE of the given shape and that every sample equals the pattern. */
    static void assertPattern(Read r, int channels, int rate, long frames) {
        AudioFormat f = r.format();
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
        assertEquals(channels, f.getChannels());
        assertEquals(rate, f.getSampleRate(), 0.0);
        assertEquals(16, f.getSampleSizeInBits());
        assertFalse(f.isBigEndian());
        assertEquals(frames, r.frameLength());
        assertEquals(frames * channels, r.samples().length);
        for (int k = 0; k < frames; k++) {
            for (int c = 0; c < channels; c++) {
                short want = sample(k, c);
                short got = r.samples()[k * channels + c];
                if (want != got) {
                    assertEquals(want, got, "frame " + k + " channel " + c);
                }
            }
        }
    }
}
