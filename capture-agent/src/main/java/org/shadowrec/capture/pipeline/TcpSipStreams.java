package org.shadowrec.capture.pipeline;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipStreamFramer;

/**
 * SIP over TCP: one {@link SipStreamFramer} per stream direction that starts like SIP. A direction whose first bytes
 * are not SIP is remembered as such (bounded) and ignored. At most {@code max} directions are held; the least
 * recently used is evicted (counted). Confined to the processing thread.
 */
final class TcpSipStreams {

    /** Receives each complete SIP message cut from a stream. */
    interface MessageSink {
        void message(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len);
    }

    private record Key(Endpoint src, Endpoint dst) {}

    private final SipLimits limits;
    private final int max;
    private final Counters counters;
    private final MessageSink out;
    private final Map<Key, SipStreamFramer> framers;
    private final Set<Key> notSip = new HashSet<>();

    TcpSipStreams(SipLimits limits, int max, Counters counters, MessageSink out) {
        this.limits = limits;
        this.max = max;
        this.counters = counters;
        this.out = out;
        this.framers = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, SipStreamFramer> eldest) {
                if (size() > TcpSipStreams.this.max) {
                    counters.inc("tcp-sip-stream-evicted");
                    return true;
                }
                return false;
            }
        };
    }

    void data(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        Key key = new Key(src, dst);
        SipStreamFramer framer = framers.get(key);
        if (framer == null) {
            if (notSip.contains(key)) {
                counters.add("tcp-not-sip-bytes", len);
                return;
            }
            if (!startsLikeSip(buf, off, len)) {
                if (notSip.size() >= max) {
                    notSip.clear();
                }
                notSip.add(key);
                counters.inc("tcp-not-sip-streams");
                counters.add("tcp-not-sip-bytes", len);
                return;
            }
            framer = new SipStreamFramer(limits);
            framers.put(key, framer);
            counters.inc("tcp-sip-streams");
        }
        framer.feed(buf, off, len, new SipStreamFramer.Sink() {
            @Override
            public void message(byte[] b, int o, int l) {
                out.message(captureNanos, src, dst, b, o, l);
            }

            @Override
            public void malformed(String reason, String detail) {
                counters.inc("tcp-sip-framing-" + reason);
            }
        });
    }

    /**
     * True when a stream direction's first bytes may be SIP: a complete first line must be a SIP start line; an
     * incomplete one (the segment ended inside it) must at least consist of start-line characters.
     */
    private static boolean startsLikeSip(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && (buf[i] == '\r' || buf[i] == '\n')) {
            i++;
        }
        for (int j = i; j < end; j++) {
            byte b = buf[j];
            if (b == '\n') {
                return SipDecoder.looksLikeSip(buf, i, end - i);
            }
            if (b < 0x20 && b != '\r' || b >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    void gap(Endpoint src, Endpoint dst) {
        SipStreamFramer framer = framers.get(new Key(src, dst));
        if (framer != null) {
            framer.reset();
            counters.inc("tcp-sip-gap");
        }
    }

    void closed(Endpoint src, Endpoint dst) {
        framers.remove(new Key(src, dst));
        framers.remove(new Key(dst, src));
        notSip.remove(new Key(src, dst));
        notSip.remove(new Key(dst, src));
    }
}
