package org.shadowrec.correlator.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;

/**
 * Announced media endpoints of every live session. A newer announcement of the same endpoint takes it over (ports
 * are reused by media servers); a session removes only the bindings that are still its own.
 *
 * <p>Besides single endpoints, a session may bind an exact (source, destination) pair: a Cisco BiB phone sends both
 * of its streams (near end and far end) from two ports of its own to the recorder, possibly to the same recorder
 * port, so only the pair tells the channel. A packet is looked up as an exact pair first ({@link #pair}), then by
 * destination, then by source. The pair lookup is one {@link HashMap} lookup by destination and a scan of the few
 * sources bound to it; it allocates nothing.
 */
final class FlowTable {
    private final Map<Endpoint, MediaBinding> bindings = new HashMap<>();
    private final Map<Endpoint, PairsTo> pairs = new HashMap<>();

    /** The sources bound towards one destination; a handful at most (two per BiB pair sharing a recorder port). */
    private static final class PairsTo {
        Endpoint[] sources = new Endpoint[2];
        MediaBinding[] bindings = new MediaBinding[2];
        int size;

        int indexOf(Endpoint src) {
            for (int i = 0; i < size; i++) {
                if (sources[i].equals(src)) {
                    return i;
                }
            }
            return -1;
        }
    }

    MediaBinding get(Endpoint e) {
        return bindings.get(e);
    }

    /** The binding of the exact pair, or null. */
    MediaBinding pair(Endpoint src, Endpoint dst) {
        if (pairs.isEmpty()) {
            return null;
        }
        PairsTo p = pairs.get(dst);
        if (p == null) {
            return null;
        }
        int i = p.indexOf(src);
        return i < 0 ? null : p.bindings[i];
    }

    /** Binds {@code e} unless it already means exactly that; returns true when the table changed. */
    boolean bind(Endpoint e, RecordingSession s, int channelIn, int channelOut, boolean rtcp) {
        MediaBinding old = bindings.get(e);
        if (old != null && old.sameAs(s, channelIn, channelOut, rtcp)) {
            return false;
        }
        bindings.put(e, new MediaBinding(s, channelIn, channelOut, rtcp));
        return true;
    }

    /** Binds packets from {@code src} to {@code dst} to {@code channel} of {@code s} (a newer binding takes over). */
    void bindPair(Endpoint src, Endpoint dst, RecordingSession s, int channel, boolean rtcp) {
        PairsTo p = pairs.computeIfAbsent(dst, k -> new PairsTo());
        int i = p.indexOf(src);
        if (i >= 0) {
            MediaBinding old = p.bindings[i];
            if (old.session == s && old.rtcp == rtcp && old.channelIn != channel) {
                // another leg of the same session on the same pair: told apart by SSRC
                if (old.split == null) {
                    old.split = new SsrcSplit(old.channelIn, channel);
                } else {
                    old.split.add(channel);
                }
            } else if (!old.sameAs(s, channel, channel, rtcp) && (old.split == null || old.session != s
                    || !old.split.has(channel))) {
                p.bindings[i] = new MediaBinding(s, channel, channel, rtcp);
            }
            return;
        }
        if (p.size == p.sources.length) {
            p.sources = Arrays.copyOf(p.sources, p.size * 2);
            p.bindings = Arrays.copyOf(p.bindings, p.size * 2);
        }
        p.sources[p.size] = src;
        p.bindings[p.size++] = new MediaBinding(s, channel, channel, rtcp);
    }

    void unbind(Endpoint e, RecordingSession s) {
        MediaBinding b = bindings.get(e);
        if (b != null && b.session == s) {
            bindings.remove(e);
        }
    }

    void unbindPair(Endpoint src, Endpoint dst, RecordingSession s) {
        PairsTo p = pairs.get(dst);
        int i = p == null ? -1 : p.indexOf(src);
        if (i < 0 || p.bindings[i].session != s) {
            return;
        }
        p.size--;
        p.sources[i] = p.sources[p.size];
        p.bindings[i] = p.bindings[p.size];
        p.sources[p.size] = null;
        p.bindings[p.size] = null;
        if (p.size == 0) {
            pairs.remove(dst);
        }
    }

    int size() {
        int n = bindings.size();
        for (PairsTo p : pairs.values()) {
            n += p.size;
        }
        return n;
    }
}
