package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.testing.G711Encoder;

class G711Test {

    @Test
    void ulaw_known_values() {
        assertEquals(0, G711.ulaw(0xFF));
        assertEquals(0, G711.ulaw(0x7F));
        assertEquals(-32124, G711.ulaw(0x00));
        assertEquals(32124, G711.ulaw(0x80));
        assertEquals(-8, G711.ulaw(0x7E)); // smallest non-zero step: ((1·8 + 132) − 132)
        assertEquals(8, G711.ulaw(0xFE));
    }

    @Test
    void alaw_known_values() {
        assertEquals(8, G711.alaw(0xD5));
        assertEquals(-8, G711.alaw(0x55));
        assertEquals(32256, G711.alaw(0xAA));
        assertEquals(-32256, G711.alaw(0x2A));
    }

    @Test
    void every_code_round_trips_through_the_reference_encoder() {
        for (int code = 0; code < 256; code++) {
            int expectedUlaw = code == 0x7F ? 0xFF : code; // µ-law has two zeros; the encoder picks +0
            assertEquals(expectedUlaw, G711Encoder.ulaw(G711.ulaw(code)), "ulaw " + code);
            assertEquals(code, G711Encoder.alaw(G711.alaw(code)), "alaw " + code);
        }
    }

    @Test
    void decoded_samples_are_within_the_quantisation_step_of_the_input() {
        Random random = new Random(711);
        for (int i = 0; i < 100_000; i++) {
            int pcm = random.nextInt(65536) - 32768;
            int u = G711.ulaw(G711Encoder.ulaw(pcm));
            int a = G711.alaw(G711Encoder.alaw(pcm));
            int clipped = Math.max(-32124, Math.min(32124, pcm));
            // segment 7 steps are 1024 (µ-law) / 1024 (A-law): error at most half a step plus the clip
            assertTrue(Math.abs(u - clipped) <= Math.max(4, Math.abs(pcm) / 16 + 4) + Math.abs(pcm - clipped),
                    "ulaw " + pcm + " -> " + u);
            assertTrue(Math.abs(a - pcm) <= Math.max(8, Math.abs(pcm) / 16 + 8), "alaw " + pcm + " -> " + a);
            assertTrue((long) u * pcm >= 0 && (long) a * pcm >= 0, "sign kept for " + pcm + ": " + u + ", " + a);
        }
    }
}
