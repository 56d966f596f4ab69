package org.shadowrec.correlator.internal;

import java.util.Collections;
import java.util.Map;
import java.util.HashMap;
import java.util.TreeMap;

/** Counters by stable kebab-case key. Snapshots are sorted by key, so equal inputs give equal snapshots. */
final class Counters {
    private final Map<String, long[]> values = new HashMap<>();

    void increment(String key) {
        add(key, 1);
    }

    void add(String key, long delta) {
        values.computeIfAbsent(key, k -> new long[1])[0] += delta;
    }

    long get(String key) {
        long[] v = values.get(key);
        return v == null ? 0 : v[0];
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }
}
