package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/** Checks on {@link FrameDecoder#counters()}. */
final class Outcomes {
    private Outcomes() {
    }

    /** Every frame counted as exactly one outcome, and no decoder bug. */
    static void assertBalanced(FrameDecoder d) {
        Map<String, Long> c = d.counters();
        long outcomes = 0;
        for (Counter k : Counter.values()) {
            if (k.outcome()) {
                outcomes += c.get(k.key());
            }
        }
        assertEquals(c.get("frames"), outcomes, () -> "frames vs outcomes: " + c);
        assertEquals(0L, c.get("decoder-bug"), () -> "decoder-bug: " + c);
    }

    static long count(FrameDecoder d, String key) {
        Long v = d.counters().get(key);
        if (v == null) {
            throw new AssertionError("no counter " + key);
        }
        return v;
    }
}
