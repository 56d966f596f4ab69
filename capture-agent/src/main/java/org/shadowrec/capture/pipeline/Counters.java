package org.shadowrec.capture.pipeline;

import java.util.Map;
import java.util.TreeMap;

/** Counters by stable kebab-case key. Confined to one thread; {@link #snapshot()} copies. */
final class Counters {
    private final Map<String, long[]> values = new TreeMap<>();

    void inc(String key) {
        add(key, 1);
    }

    void add(String key, long n) {
        values.computeIfAbsent(key, k -> new long[1])[0] += n;
    }

    long get(String key) {
        long[] v = values.get(key);
        return v == null ? 0 : v[0];
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, v[0]));
        return copy;
    }
}
