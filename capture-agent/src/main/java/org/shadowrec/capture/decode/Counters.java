package org.shadowrec.capture.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts by {@link Counter}; allocation-free to increment. */
final class Counters {
    private static final Counter[] ALL = Counter.values();
    private final long[] values = new long[ALL.length];

    void inc(Counter c) {
        values[c.ordinal()]++;
    }

    long get(Counter c) {
        return values[c.ordinal()];
    }

    /** A snapshot in declaration order, including zeros (stable key set). */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter c : ALL) {
            m.put(c.key(), values[c.ordinal()]);
        }
        return m;
    }
}
