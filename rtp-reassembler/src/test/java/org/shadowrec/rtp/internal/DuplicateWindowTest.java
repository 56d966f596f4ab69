package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DuplicateWindowTest {

    @Test
    void remembers_the_window_and_forgets_beyond_it() {
        DuplicateWindow w = new DuplicateWindow();
        assertTrue(w.markSeen(5000));
        assertTrue(w.markSeen(5002));
        assertFalse(w.markSeen(5000));
        assertFalse(w.markSeen(5002));
        assertTrue(w.markSeen(5001));
        assertFalse(w.markSeen(5001));
        assertTrue(w.markSeen(5000 + DuplicateWindow.SIZE - 1));
        assertFalse(w.markSeen(5001)); // still inside the window
        assertTrue(w.markSeen(5000 + 3L * DuplicateWindow.SIZE)); // jump clears everything
        assertTrue(w.markSeen(5000 + 3L * DuplicateWindow.SIZE - 1));
        assertTrue(w.markSeen(5002)); // older than the window: unknown, reported new
    }

    @Test
    void slots_reused_after_the_ring_turns_are_clean() {
        DuplicateWindow w = new DuplicateWindow();
        for (long s = 0; s < 5L * DuplicateWindow.SIZE; s += 2) {
            assertTrue(w.markSeen(s), "even " + s);
        }
        long top = 5L * DuplicateWindow.SIZE - 2;
        for (long s = top - 101; s < top; s += 2) {
            assertTrue(w.markSeen(s), "odd " + s + " never seen");
        }
    }
}
