package org.shadowrec.testpcaps.gen;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the network does to one RTP direction. Indices are 0-based packet indices in send order (index i carries
 * sequence number seq0 + i).
 *
 * @param drop      packets never captured (a receiver counts them as lost, RFC 3550 §6.4.1)
 * @param duplicate packets captured twice, the copy 0.5 ms after the original
 * @param swap      each i swaps packets i and i + 1 on the wire (reordering); pairs must not overlap
 */
public record Impairments(Set<Integer> drop, Set<Integer> duplicate, Set<Integer> swap) {
    /** No impairment. */
    public static final Impairments NONE = new Impairments(Set.of(), Set.of(), Set.of());

    /** Copies into sorted sets and checks that swap pairs do not overlap. */
    public Impairments {
        drop = Set.copyOf(new TreeSet<>(drop));
        duplicate = Set.copyOf(new TreeSet<>(duplicate));
        swap = Set.copyOf(new TreeSet<>(swap));
        for (int i : swap) {
            if (swap.contains(i + 1)) {
                throw new IllegalArgumentException("overlapping swap pairs at " + i);
            }
        }
    }

    /** @return the index sent in wire position {@code slot} */
    int packetAt(int slot) {
        if (swap.contains(slot)) {
            return slot + 1;
        }
        if (swap.contains(slot - 1)) {
            return slot - 1;
        }
        return slot;
    }

    /** @return true when nothing is impaired */
    public boolean isNone() {
        return drop.isEmpty() && duplicate.isEmpty() && swap.isEmpty();
    }
}
