package org.shadowrec.testpcaps.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void knownCodeWords() {
        assertEquals((byte) 0xFF, G711.linearToUlaw(0), "µ-law zero");
        assertEquals((byte) 0x80, G711.linearToUlaw(32767), "µ-law positive peak");
        assertEquals((byte) 0x00, G711.linearToUlaw(-32768), "µ-law negative peak");
        assertEquals((byte) 0xD5, G711.linearToAlaw(0), "A-law zero");
        assertEquals((byte) 0xAA, G711.linearToAlaw(32767), "A-law positive peak");
        assertEquals((byte) 0x2A, G711.linearToAlaw(-32768), "A-law negative peak");
    }

    @Test
    void roundTripStaysWithinTheQuantisationStep() {
        for (int x = -32768; x <= 32767; x += 7) {
            for (Codec c : Codec.values()) {
                int back = c.decode(c.encode(x));
                int tolerance = Math.max(16, Math.abs(x) / 16);
                assertTrue(Math.abs(back - x) <= tolerance, c + " " + x + " -> " + back);
                assertEquals(c.encode(back), c.encode(x), c + " decode is a fixed point of encode at " + x);
            }
        }
    }
}
