package org.shadowrec.rtp.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A long per {@link Counter}; incrementing does not allocate. Confined to the processing thread. */
public final class Counters {

    private static final Counter[] ALL = Counter.values();
    private final long[] values = new long[ALL.length];

    public void add(Counter c) {
        values[c.ordinal()]++;
    }

    public long get(Counter c) {
        return values[c.ordinal()];
    }

    /** Every counter by key, in declaration order, zeros included (a snapshot). */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : ALL) {
            out.put(c.key(), values[c.ordinal()]);
        }
        return out;
    }
}
