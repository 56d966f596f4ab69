package org.shadowrec.testpcaps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

    @Test
    void roundTripTwoChannels(@TempDir Path tmp) throws Exception {
        short[][] s = {TonesTest.sine(440, 8000, 8000, 10000, 0), TonesTest.sine(1000, 8000, 8000, 5000, 0)};
        s[1][3] = Short.MIN_VALUE;
        s[0][7] = Short.MAX_VALUE;
        Path f = tmp.resolve("a.wav");
        new Wav(2, 8000, s).write(f);
        assertEquals(44 + 2 * 2 * 8000, Files.size(f));
        Wav back = Wav.read(f);
        assertEquals(2, back.channels());
        assertEquals(8000, back.rate());
        assertEquals(1.0, back.seconds());
        assertArrayEquals(s[0], back.samples()[0]);
        assertArrayEquals(s[1], back.samples()[1]);
        assertEquals(440, Tones.dominantHz(back.samples()[0], back.rate()), 10);
        assertEquals(1000, Tones.dominantHz(back.samples()[1], back.rate()), 10);
    }

    @Test
    void javaSoundReadsWhatWeWriteAndWeReadWhatItWrites(@TempDir Path tmp) throws Exception {
        short[][] s = {TonesTest.sine(697, 16000, 1600, 12000, 0)};
        Path ours = tmp.resolve("ours.wav");
        new Wav(1, 16000, s).write(ours);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(ours.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(16000f, f.getSampleRate());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(1600, in.getFrameLength());
            byte[] pcm = in.readAllBytes();
            assertEquals(s[0][100], ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).getShort(200));
        }
        byte[] pcm = new byte[2 * 2 * 800];
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 800; i++) {
            b.putShort((short) i).putShort((short) -i);
        }
        AudioFormat fmt = new AudioFormat(8000, 16, 2, true, false);
        Path theirs = tmp.resolve("theirs.wav");
        AudioSystem.write(new AudioInputStream(new java.io.ByteArrayInputStream(pcm), fmt, 800),
                javax.sound.sampled.AudioFileFormat.Type.WAVE, theirs.toFile());
        Wav w = Wav.read(theirs);
        assertEquals(2, w.channels());
        assertEquals(800, w.frames());
        assertEquals(799, w.samples()[0][799]);
        assertEquals(-799, w.samples()[1][799]);
    }

    @Test
    void skipsUnknownChunksAndReadsExtensible(@TempDir Path tmp) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 3 + 1 + 8 + 40 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(b.capacity() - 8).putInt(0x45564157);
        b.putInt(0x5453494C).putInt(3).put(new byte[] {1, 2, 3}).put((byte) 0);        // "LIST", odd size + pad
        b.putInt(0x20746D66).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(0)
                .putShort((short) 1).put(new byte[14]);
        b.putInt(0x61746164).putInt(8).putShort((short) 1).putShort((short) -2).putShort((short) 300)
                .putShort((short) -32768);
        Path f = tmp.resolve("ext.wav");
        Files.write(f, b.array());
        Wav w = Wav.read(f);
        assertArrayEquals(new short[] {1, -2, 300, -32768}, w.samples()[0]);
    }

    @Test
    void rejectsWhatIsNotPcm16(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("x.wav");
        Files.write(f, "RIFF....WAVEjunk".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> Wav.read(f));
        Files.write(f, "not a wav".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> Wav.read(f));
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36).putInt(0x45564157).putInt(0x20746D66).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8)
                .putInt(0x61746164).putInt(0);
        Files.write(f, b.array());
        assertThrows(IOException.class, () -> Wav.read(f), "8-bit");
    }
}
