package org.shadowrec.sip.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Counters by stable kebab-case key. Confined to the owning thread; {@link #snapshot()} copies. */
public final class DecoderCounters {
    private final Map<String, long[]> counts = new TreeMap<>();

    /** Adds one to {@code key}. */
    public void increment(String key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }

    /** Current value of {@code key} (0 if never counted). */
    public long get(String key) {
        long[] c = counts.get(key);
        return c == null ? 0 : c[0];
    }

    /** An immutable copy, sorted by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }
}
