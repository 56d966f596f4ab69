package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqNoTest {

    @Test
    void rolls_over_from_65535_to_0() {
        assertEquals(new SeqNo(0), new SeqNo(65535).plus(1));
        assertEquals(1, new SeqNo(0).delta(new SeqNo(65535)));
        assertTrue(new SeqNo(0).isAfter(new SeqNo(65535)));
        assertEquals(5, new SeqNo(4).forwardDistance(new SeqNo(65535)));
    }

    @Test
    void reverse_rollover() {
        assertEquals(new SeqNo(65535), new SeqNo(0).plus(-1));
        assertEquals(-1, new SeqNo(65535).delta(new SeqNo(0)));
        assertFalse(new SeqNo(65535).isAfter(new SeqNo(0)));
        assertEquals(65535, new SeqNo(65535).forwardDistance(new SeqNo(0)));
    }

    @Test
    void comparison_at_half_the_range() {
        // 32767 apart: still ordered the short way round
        assertEquals(32767, new SeqNo(32767).delta(new SeqNo(0)));
        assertEquals(-32767, new SeqNo(0).delta(new SeqNo(32767)));
        assertEquals(1, new SeqNo(32767).compareTo(new SeqNo(0)));
        assertEquals(1, new SeqNo(0).compareTo(new SeqNo(32769)));
        // exactly 32768 apart the order is ambiguous: each is "before" the other (delta -32768 both ways)
        assertEquals(-32768, new SeqNo(32768).delta(new SeqNo(0)));
        assertEquals(-32768, new SeqNo(0).delta(new SeqNo(32768)));
        assertEquals(-1, new SeqNo(1000).compareTo(new SeqNo(33768)));
    }

    @Test
    void rejects_values_outside_16_bits() {
        assertThrows(IllegalArgumentException.class, () -> new SeqNo(65536));
        assertThrows(IllegalArgumentException.class, () -> new SeqNo(-1));
        assertEquals(new SeqNo(65535), SeqNo.of(-1));
    }
}
