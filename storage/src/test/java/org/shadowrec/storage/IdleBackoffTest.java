package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.shadowrec.storage.api.IdleBackoff;

class IdleBackoffTest {

    @Test
    void refusesImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new IdleBackoff(-1, 0, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> new IdleBackoff(0, -1, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> new IdleBackoff(0, 0, 999));
    }

    @Test
    void parksWhenSpinsAndYieldsAreUsedUp() {
        // With no spins and no yields every idle() parks; parking at least 1 µs each, 200 calls take >= 200 µs.
        IdleBackoff parking = new IdleBackoff(0, 0, 1_000);
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            parking.idle();
        }
        assertTrue(System.nanoTime() - t0 >= 200_000L, "parked");
    }
}
