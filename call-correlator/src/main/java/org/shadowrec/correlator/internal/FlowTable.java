package org.shadowrec.correlator.internal;

import java.util.HashMap;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;

/**
 * Announced media endpoints of every live session. A newer announcement of the same endpoint takes it over (ports
 * are reused by media servers); a session removes only the bindings that are still its own.
 */
final class FlowTable {
    private final Map<Endpoint, MediaBinding> bindings = new HashMap<>();

    MediaBinding get(Endpoint e) {
        return bindings.get(e);
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

    void unbind(Endpoint e, RecordingSession s) {
        MediaBinding b = bindings.get(e);
        if (b != null && b.session == s) {
            bindings.remove(e);
        }
    }

    int size() {
        return bindings.size();
    }
}
