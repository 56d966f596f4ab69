package org.shadowrec.testpcaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TonesTest {

    static short[] sine(double hz, int rate, int n, double amplitude, double phase) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate + phase));
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"440, 8000", "1000, 8000", "440, 16000", "1000, 16000", "697, 8000", "3000, 8000", "123.4, 8000"})
    void dominantFrequencyOfAPureSine(double hz, int rate) {
        short[] s = sine(hz, rate, rate, 10000, 0.3);
        assertEquals(hz, Tones.dominantHz(s, rate, 0, s.length), 10);
        assertEquals(hz, Tones.dominantHz(s, rate, rate / 4, rate / 4 + rate / 10), 10, "100 ms window");
    }

    @Test
    void toneInNoiseAndWindowing() {
        short[] s = sine(1000, 8000, 16000, 3000, 0);
        Random r = new Random(1);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (s[i] + r.nextGaussian() * 300);
        }
        short[] mixed = new short[16000];
        short[] low = sine(440, 8000, 8000, 8000, 0);
        System.arraycopy(low, 0, mixed, 0, 8000);
        System.arraycopy(s, 8000, mixed, 8000, 8000);
        assertEquals(1000, Tones.dominantHz(s, 8000), 10);
        assertEquals(440, Tones.dominantHz(mixed, 8000, 0, 8000), 10, "first half");
        assertEquals(1000, Tones.dominantHz(mixed, 8000, 8000, 16000), 10, "second half");
    }

    @Test
    void rmsOfSineAndSilence() {
        short[] s = sine(440, 8000, 8000, 10362, 0);
        assertEquals(10362 / Math.sqrt(2), Tones.rms(s, 0, s.length), 10);
        assertEquals(-10.0, Tones.rmsDbfs(s, 0, s.length), 0.05);
        short[] silence = new short[8000];
        assertEquals(0.0, Tones.rms(silence, 0, silence.length));
        assertEquals(0, Tones.dominantHz(silence, 8000), "no tone in silence");
        short[] hiss = new short[8000];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = (short) ((i * 7919) % 5 - 2);
        }
        assertTrue(Tones.rms(hiss, 0, hiss.length) < 3, "near silence has a low rms");
        assertTrue(Tones.rmsDbfs(hiss, 0, hiss.length) < -60);
    }

    @Test
    void rejectsARangeOutsideTheSamples() {
        assertThrows(IllegalArgumentException.class, () -> Tones.rms(new short[10], 5, 11));
        assertThrows(IllegalArgumentException.class, () -> Tones.dominantHz(new short[10], 8000, 6, 5));
    }
}
