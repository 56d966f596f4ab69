package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chains of Cisco BiB recordings of one phone line (cluster id + near-end device). Hold/resume, transfer and
 * conference make CUCM tear down the recording pair and send a new one with a new {@code x-refci}: each pair is its
 * own recording, and lists the earlier ones of its chain as {@code related}.
 *
 * <p>A new pair continues the device's chain when some member of it is still open, or has the same far-end call leg
 * ({@code x-farendrefci}: a hold and its resume talk to the same far end), or ended at most {@link #LINK_GAP_NANOS}
 * before the new INVITE (a transfer or conference sets up the new legs at once). Otherwise it starts a new chain: the
 * next customer call of the same phone is not related. A chain keeps its last {@link #MAX_CHAIN} members; at most
 * {@link #MAX_DEVICES} devices are held, the idle ones pruned first.
 */
final class CallChains {
    static final long LINK_GAP_NANOS = 10_000_000_000L;
    static final int MAX_CHAIN = 16;
    static final int MAX_DEVICES = 10_000;

    private record Member(RecordingSession session, String farendRefci) {}

    private final Map<String, List<Member>> chains = new LinkedHashMap<>();

    /** The earlier members of the chain a new pair of {@code deviceKey} continues (empty for a new chain). */
    List<RecordingSession> earlier(String deviceKey, String farendRefci, long nanos) {
        List<Member> chain = deviceKey == null ? null : chains.get(deviceKey);
        if (chain == null) {
            return List.of();
        }
        for (Member m : chain) {
            boolean open = m.session().state() != RecordingSession.State.DONE;
            boolean sameFar = !farendRefci.isEmpty() && farendRefci.equals(m.farendRefci());
            boolean recent = nanos - lastActivity(m.session()) <= LINK_GAP_NANOS;
            if (open || sameFar || recent) {
                List<RecordingSession> out = new ArrayList<>(chain.size());
                chain.forEach(x -> out.add(x.session()));
                return out;
            }
        }
        return List.of();
    }

    /** Adds a new pair's session: to its chain when {@code continued}, else as the start of a new one. */
    void add(String deviceKey, RecordingSession s, String farendRefci, boolean continued) {
        if (deviceKey == null) {
            return;
        }
        List<Member> chain = continued ? chains.get(deviceKey) : null;
        if (chain == null) {
            chains.remove(deviceKey);
            if (chains.size() >= MAX_DEVICES) {
                prune();
            }
            chain = new ArrayList<>();
            chains.put(deviceKey, chain);
        }
        if (chain.size() >= MAX_CHAIN) {
            chain.remove(0);
        }
        chain.add(new Member(s, farendRefci));
    }

    /** Drops the chains whose members are all done, oldest first, and the oldest chain when that freed nothing. */
    private void prune() {
        Iterator<List<Member>> it = chains.values().iterator();
        int removed = 0;
        while (it.hasNext()) {
            List<Member> chain = it.next();
            if (chain.stream().allMatch(m -> m.session().state() == RecordingSession.State.DONE)) {
                it.remove();
                removed++;
            }
        }
        if (removed == 0) {
            it = chains.values().iterator();
            it.next();
            it.remove();
        }
    }

    /**
     * Oldest origin of a chain member that a new pair could still be linked to by time (open, or ended at most
     * {@link #LINK_GAP_NANOS} before {@code nanos}); {@code Long.MAX_VALUE} when none. A link by the same far end
     * after a longer time is not kept across a rebuild.
     */
    long oldestLinkableOrigin(long nanos) {
        long oldest = Long.MAX_VALUE;
        for (List<Member> chain : chains.values()) {
            for (Member m : chain) {
                RecordingSession s = m.session();
                if (s.state() != RecordingSession.State.DONE || nanos - lastActivity(s) <= LINK_GAP_NANOS) {
                    oldest = Math.min(oldest, s.origin());
                }
            }
        }
        return oldest;
    }

    private static long lastActivity(RecordingSession s) {
        return Math.max(s.lastSignalNanos(), s.lastRtpNanos());
    }

    int devices() {
        return chains.size();
    }
}
