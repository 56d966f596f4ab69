package org.shadowrec.capture.decode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) fragment reassembly. A datagram is keyed by (source, destination,
 * protocol / next header, identification); received byte ranges are kept as a sorted list of disjoint intervals
 * (the complement of RFC 815's hole list). Fragments may come in any order; bytes already received win over a
 * duplicate or overlapping fragment (overlaps are counted). Memory is bounded by {@link DecodeLimits}: datagram count,
 * bytes per datagram and total buffer bytes, the oldest datagram evicted first ({@code fragments-overflow}).
 */
final class FragmentReassembler {
    private static final int INITIAL_BUFFER = 2048;

    private final DecodeLimits limits;
    private final Counters counters;
    /** Insertion order = order of first fragment, so the head is the oldest. */
    private final LinkedHashMap<Key, Datagram> table = new LinkedHashMap<>();
    private final Key probe = new Key();
    private long bytesHeld;
    private byte[] completed;
    private int completedLength;

    FragmentReassembler(DecodeLimits limits, Counters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /**
     * Adds a fragment carrying payload bytes {@code [fragOffset, fragOffset+len)} of the datagram.
     *
     * @param id identification, with bit 32 set for IPv6 so the two families never share a key
     * @return the frame's outcome when the datagram is not complete, or null when this fragment completed it: then
     *         {@link #completed()} holds the reassembled payload until the next call
     */
    Counter offer(long t, long sHi, long sLo, long dHi, long dLo, int proto, long id, int fragOffset, boolean more,
            byte[] b, int p, int len) {
        int end = fragOffset + len;
        if (len == 0 || (more && (len & 7) != 0)) {
            return Counter.BAD_IP_FRAGMENT;
        }
        probe.set(sHi, sLo, dHi, dLo, proto, id);
        Datagram d = table.get(probe);
        if (end > limits.maxFragmentDatagramBytes()) {
            if (d != null) {
                remove(probe, d);
            }
            return Counter.IP_FRAGMENT_TOO_LARGE;
        }
        if (d == null) {
            while (table.size() >= limits.maxFragmentDatagrams()) {
                evictOldest();
            }
            d = new Datagram(t);
            table.put(probe.copy(), d);
        }
        if (!more) {
            if ((d.total >= 0 && d.total != end) || end < d.maxEnd()) {
                return Counter.BAD_IP_FRAGMENT;
            }
            d.total = end;
        } else if (d.total >= 0 && end > d.total) {
            return Counter.BAD_IP_FRAGMENT;
        }
        int grow = d.ensureCapacity(end, more ? limits.maxFragmentDatagramBytes() : end);
        if (grow > 0) {
            bytesHeld += grow;
            while (bytesHeld > limits.maxFragmentBytesTotal() && table.size() > 1) {
                evictOtherThan(d);
            }
        }
        int added = d.add(fragOffset, end, b, p);
        if (added == 0) {
            return Counter.IP_FRAGMENT_DUPLICATE;
        }
        if (added < len) {
            counters.inc(Counter.IP_FRAGMENT_OVERLAP);
        }
        if (d.total >= 0 && d.count == 1 && d.ranges[0] == 0 && d.ranges[1] == d.total) {
            probe.set(sHi, sLo, dHi, dLo, proto, id);
            remove(probe, d);
            counters.inc(Counter.IP_REASSEMBLED);
            completed = d.data;
            completedLength = d.total;
            return null;
        }
        return Counter.IP_FRAGMENT_HELD;
    }

    byte[] completed() {
        return completed;
    }

    int completedLength() {
        return completedLength;
    }

    /** Drops datagrams whose first fragment is older than the time-out. */
    void expire(long t) {
        Iterator<Datagram> it = table.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (t - d.firstNanos < limits.fragmentTimeoutNanos()) {
                break;
            }
            it.remove();
            bytesHeld -= d.data.length;
            counters.inc(Counter.IP_FRAGMENT_TIMEOUT);
        }
    }

    int datagrams() {
        return table.size();
    }

    long bytesHeld() {
        return bytesHeld;
    }

    private void remove(Key key, Datagram d) {
        table.remove(key);
        bytesHeld -= d.data.length;
    }

    private void evictOldest() {
        Iterator<Datagram> it = table.values().iterator();
        Datagram d = it.next();
        it.remove();
        bytesHeld -= d.data.length;
        counters.inc(Counter.FRAGMENTS_OVERFLOW);
    }

    private void evictOtherThan(Datagram keep) {
        Iterator<Datagram> it = table.values().iterator();
        while (it.hasNext()) {
            Datagram d = it.next();
            if (d != keep) {
                it.remove();
                bytesHeld -= d.data.length;
                counters.inc(Counter.FRAGMENTS_OVERFLOW);
                return;
            }
        }
    }

    /** One datagram under reassembly. */
    private static final class Datagram {
        final long firstNanos;
        byte[] data = new byte[0];
        /** Received ranges as [start, end) pairs, sorted and disjoint, {@code count} pairs used. */
        int[] ranges = new int[8];
        int count;
        /** Payload length, known once the last fragment (MF = 0) arrived; -1 before. */
        int total = -1;

        Datagram(long firstNanos) {
            this.firstNanos = firstNanos;
        }

        int maxEnd() {
            return count == 0 ? 0 : ranges[2 * count - 1];
        }

        /** Grows the buffer to hold {@code end} bytes; returns the bytes added. */
        int ensureCapacity(int end, int cap) {
            if (end <= data.length) {
                return 0;
            }
            int size = Math.max(end, Math.min(cap, Math.max(INITIAL_BUFFER, data.length * 2)));
            int grow = size - data.length;
            data = Arrays.copyOf(data, size);
            return grow;
        }

        /** Copies the bytes of {@code [s, e)} not yet received; returns how many were new. */
        int add(int s, int e, byte[] b, int p) {
            int added = 0;
            int cursor = s;
            for (int i = 0; i < count && cursor < e; i++) {
                int rs = ranges[2 * i];
                int re = ranges[2 * i + 1];
                if (re <= cursor) {
                    continue;
                }
                if (rs > cursor) {
                    int stop = Math.min(rs, e);
                    System.arraycopy(b, p + (cursor - s), data, cursor, stop - cursor);
                    added += stop - cursor;
                }
                cursor = Math.max(cursor, re);
            }
            if (cursor < e) {
                System.arraycopy(b, p + (cursor - s), data, cursor, e - cursor);
                added += e - cursor;
            }
            if (added > 0) {
                merge(s, e);
            }
            return added;
        }

        /** Inserts [s, e) and coalesces touching or overlapping ranges. */
        private void merge(int s, int e) {
            int i = 0;
            while (i < count && ranges[2 * i + 1] < s) {
                i++;
            }
            int j = i;
            int ns = s;
            int ne = e;
            while (j < count && ranges[2 * j] <= e) {
                ns = Math.min(ns, ranges[2 * j]);
                ne = Math.max(ne, ranges[2 * j + 1]);
                j++;
            }
            int removed = j - i;
            int newCount = count - removed + 1;
            if (2 * newCount > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            System.arraycopy(ranges, 2 * j, ranges, 2 * (i + 1), 2 * (count - j));
            ranges[2 * i] = ns;
            ranges[2 * i + 1] = ne;
            count = newCount;
        }
    }

    /** Reassembly key; one mutable instance is the lookup probe, stored keys are copies never changed. */
    private static final class Key {
        long sHi;
        long sLo;
        long dHi;
        long dLo;
        int proto;
        long id;

        void set(long sHi, long sLo, long dHi, long dLo, int proto, long id) {
            this.sHi = sHi;
            this.sLo = sLo;
            this.dHi = dHi;
            this.dLo = dLo;
            this.proto = proto;
            this.id = id;
        }

        Key copy() {
            Key k = new Key();
            k.set(sHi, sLo, dHi, dLo, proto, id);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.sHi == sHi && k.sLo == sLo && k.dHi == dHi && k.dLo == dLo
                    && k.proto == proto && k.id == id;
        }

        @Override
        public int hashCode() {
            long h = sHi * 31 + sLo;
            h = h * 31 + dHi;
            h = h * 31 + dLo;
            h = h * 31 + proto;
            h = h * 31 + id;
            return (int) (h ^ (h >>> 32));
        }
    }
}
