package org.shadowrec.capture.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;

/**
 * TCP stream reassembly per direction (RFC 9293 §3.4 sequence numbers, compared modulo 2^32). Each payload byte is
 * delivered once and in order: retransmitted and overlapping bytes are trimmed, out-of-order segments are held until
 * the hole fills. A SYN sets the initial sequence number; a connection picked up mid-stream starts at the first data
 * segment seen. Bounded by {@link DecodeLimits}: the connection table evicts the least recently active connection,
 * and a direction holding more than {@code maxTcpBufferedBytes} out of order gives up its first hole
 * ({@link DecodedSink#tcpGap}) and goes on from the next held byte. FIN both ways or RST closes and forgets the
 * connection ({@link DecodedSink#tcpClosed}); so does a new SYN (without ACK) with another initial sequence number on
 * the same addresses and ports (a client reusing its port). A connection evicted from the full table, or forgotten
 * by {@link #expire} when idle, is also reported as closed (reset = false) when a sink is at hand, so that a stream
 * framer never joins bytes of a forgotten connection to a later one. All connections together hold at most
 * {@code maxTcpBufferedBytesTotal} out-of-order bytes.
 *
 * <p>Liveness of the receiver: per direction, the oldest data segment not yet acknowledged by the other side is
 * followed (its sequence number, first transmission, transmissions). When it is sent again (copies closer than
 * {@value #RETRANSMISSION_MIN_GAP_NANOS} ns are one: a mirror port may show a frame twice) before the acknowledgement
 * advances past it, {@link DecodedSink#tcpRetransmission} reports it (RFC 6298 §5: a sender backs off and retransmits
 * while its peer does not acknowledge). Four fields per direction, nothing per segment.
 */
final class TcpReassembler {
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    /** Below Linux's minimum retransmission timeout (200 ms): closer copies are one transmission. */
    static final long RETRANSMISSION_MIN_GAP_NANOS = 100_000_000L;

    private final DecodeLimits limits;
    private final Counters counters;
    /** Access order: the head is the least recently active connection. */
    private final LinkedHashMap<ConnKey, Conn> table = new LinkedHashMap<>(64, 0.75f, true);
    private final ConnKey probe = new ConnKey();
    private long bytesHeld;

    TcpReassembler(DecodeLimits limits, Counters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /** One segment of {@code src → dst}; returns the frame's outcome. */
    Counter segment(long t, Endpoint src, Endpoint dst, int seq, int ack, int flags, byte[] b, int p, int len,
            DecodedSink sink) {
        boolean forward = ConnKey.ordered(src, dst);
        probe.set(forward ? src : dst, forward ? dst : src);
        Conn c = table.get(probe);
        if (c == null) {
            if ((flags & RST) != 0 || ((flags & SYN) == 0 && len == 0)) {
                return Counter.TCP; // nothing to track: a pure ACK, a FIN or RST of a connection we never saw
            }
            while (table.size() >= limits.maxTcpConnections()) {
                evictLeastRecent(t, sink);
            }
            c = new Conn();
            table.put(new ConnKey().set(probe.a, probe.b), c);
        }
        Dir d = forward ? c.ab : c.ba;
        if ((flags & (SYN | ACK | RST)) == SYN && d.started && seq + 1 != d.next) {
            // a new connection on the same addresses and ports (a client reusing its port): the old one is over
            close(c, t, src, dst, false, sink);
            c = new Conn();
            table.put(new ConnKey().set(probe.a, probe.b), c);
            d = forward ? c.ab : c.ba;
        }
        c.lastNanos = t;
        if ((flags & RST) != 0) {
            close(c, t, src, dst, true, sink);
            return Counter.TCP;
        }
        if ((flags & SYN) != 0) {
            if (!d.started || (d.held.isEmpty() && !d.delivered)) {
                d.started = true;
                d.next = seq + 1;
            }
            seq += 1; // the SYN occupies one sequence number; data (if any) follows it
        }
        if ((flags & ACK) != 0) {
            (forward ? c.ba : c.ab).acknowledged(ack);
        }
        Counter outcome = Counter.TCP;
        if (len > 0) {
            unacknowledged(d, t, src, dst, seq, sink);
            outcome = data(d, t, src, dst, seq, b, p, len, sink);
        }
        if ((flags & FIN) != 0 && outcome == Counter.TCP) {
            d.fin = true;
        }
        if (c.ab.fin && c.ba.fin) {
            giveUpAll(c.ab, t, src, dst, sink);
            giveUpAll(c.ba, t, dst, src, sink);
            close(c, t, src, dst, false, sink);
        }
        return outcome;
    }

    /** Follows the oldest unacknowledged segment of {@code d}; reports it when it is sent again. */
    private void unacknowledged(Dir d, long t, Endpoint src, Endpoint dst, int seq, DecodedSink sink) {
        if (d.ackSeen && seq - d.acked < 0) {
            return;                                 // already acknowledged (a keep-alive probe, a late copy)
        }
        boolean old = d.started && seq - d.next < 0;
        if (d.unackedCount > 0 && seq == d.unackedSeq) {
            if (t - d.unackedLast >= RETRANSMISSION_MIN_GAP_NANOS) {
                d.unackedCount++;
                d.unackedLast = t;
                counters.inc(Counter.TCP_RETRANSMISSION);
                sink.tcpRetransmission(t, src, dst, d.unackedFirst, d.unackedCount);
            }
        } else if (d.unackedCount == 0 || (old && seq - d.unackedSeq < 0)) {
            // the first data not acknowledged; or an older segment sent again (seen first now)
            d.unackedSeq = seq;
            d.unackedFirst = t;
            d.unackedLast = t;
            d.unackedCount = 1;
        }
    }

    private Counter data(Dir d, long t, Endpoint src, Endpoint dst, int seq, byte[] b, int p, int len,
            DecodedSink sink) {
        if (!d.started) {
            d.started = true;
            d.next = seq;
        }
        int rel = seq - d.next;
        if (rel <= 0) {
            int skip = -rel;
            if (skip >= len || skip < 0) {
                return Counter.TCP_DUPLICATE;
            }
            if (skip > 0) {
                counters.inc(Counter.TCP_OVERLAP);
            }
            deliver(d, t, src, dst, b, p + skip, len - skip, sink);
            drain(d, t, src, dst, sink);
            return Counter.TCP;
        }
        if (rel > limits.tcpWindowBytes()) {
            return Counter.TCP_OUT_OF_WINDOW;
        }
        if (!d.hold(seq, b, p, len)) {
            return Counter.TCP_DUPLICATE;
        }
        bytesHeld += len;
        counters.inc(Counter.TCP_OUT_OF_ORDER);
        while (d.heldBytes > limits.maxTcpBufferedBytes()
                || (bytesHeld > limits.maxTcpBufferedBytesTotal() && !d.held.isEmpty())) {
            giveUp(d, t, src, dst, sink);
        }
        return Counter.TCP;
    }

    private void deliver(Dir d, long t, Endpoint src, Endpoint dst, byte[] b, int p, int n, DecodedSink sink) {
        d.next += n;
        d.delivered = true;
        sink.tcp(t, src, dst, b, p, n);
    }

    /** Delivers held segments that now follow on. */
    private void drain(Dir d, long t, Endpoint src, Endpoint dst, DecodedSink sink) {
        while (!d.held.isEmpty()) {
            Seg s = d.held.get(0);
            int rel = s.seq - d.next;
            if (rel > 0) {
                return;
            }
            d.held.remove(0);
            d.heldBytes -= s.data.length;
            bytesHeld -= s.data.length;
            int skip = -rel;
            if (skip < s.data.length) {
                if (skip > 0) {
                    counters.inc(Counter.TCP_OVERLAP);
                }
                deliver(d, t, src, dst, s.data, skip, s.data.length - skip, sink);
            }
        }
    }

    /** Gives up the hole before the first held segment and delivers what then follows on. */
    private void giveUp(Dir d, long t, Endpoint src, Endpoint dst, DecodedSink sink) {
        counters.inc(Counter.TCP_GAP);
        sink.tcpGap(t, src, dst);
        d.next = d.held.get(0).seq;
        drain(d, t, src, dst, sink);
    }

    private void giveUpAll(Dir d, long t, Endpoint src, Endpoint dst, DecodedSink sink) {
        while (!d.held.isEmpty()) {
            giveUp(d, t, src, dst, sink);
        }
    }

    private void close(Conn c, long t, Endpoint src, Endpoint dst, boolean reset, DecodedSink sink) {
        probe.set(ConnKey.ordered(src, dst) ? src : dst, ConnKey.ordered(src, dst) ? dst : src);
        table.remove(probe);
        bytesHeld -= c.ab.heldBytes + c.ba.heldBytes;
        counters.inc(reset ? Counter.TCP_RESET : Counter.TCP_CLOSED);
        sink.tcpClosed(t, src, dst, reset);
    }

    /**
     * Forgets connections idle for the time-out; their held bytes are dropped. With a sink, each is reported by
     * {@link DecodedSink#tcpClosed} (reset = false) so that a stream framer forgets it too.
     */
    void expire(long t, DecodedSink sink) {
        Iterator<Map.Entry<ConnKey, Conn>> it = table.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<ConnKey, Conn> e = it.next();
            Conn c = e.getValue();
            if (t - c.lastNanos < limits.tcpIdleTimeoutNanos()) {
                break;
            }
            it.remove();
            bytesHeld -= c.ab.heldBytes + c.ba.heldBytes;
            counters.inc(Counter.TCP_IDLE_TIMEOUT);
            if (sink != null) {
                sink.tcpClosed(t, e.getKey().a, e.getKey().b, false);
            }
        }
    }

    int connections() {
        return table.size();
    }

    long bytesHeld() {
        return bytesHeld;
    }

    /** Evicts the least recently active connection, reported by {@link DecodedSink#tcpClosed} (reset = false). */
    private void evictLeastRecent(long t, DecodedSink sink) {
        Iterator<Map.Entry<ConnKey, Conn>> it = table.entrySet().iterator();
        Map.Entry<ConnKey, Conn> e = it.next();
        Conn c = e.getValue();
        ConnKey k = e.getKey();
        it.remove();
        bytesHeld -= c.ab.heldBytes + c.ba.heldBytes;
        counters.inc(Counter.TCP_CONNECTIONS_OVERFLOW);
        sink.tcpClosed(t, k.a, k.b, false);
    }

    private static final class Conn {
        final Dir ab = new Dir();
        final Dir ba = new Dir();
        long lastNanos;
    }

    /** One stream direction. */
    private static final class Dir {
        boolean started;
        boolean delivered;
        boolean fin;
        /** Next sequence number to deliver. */
        int next;
        /** Highest acknowledgement number the other side sent for this direction's data, once {@code ackSeen}. */
        int acked;
        boolean ackSeen;
        /** The oldest segment not acknowledged: start, first and last transmission, transmissions (0: none). */
        int unackedSeq;
        long unackedFirst;
        long unackedLast;
        int unackedCount;

        /** The other side acknowledged up to {@code ack}: a followed segment before it is done with. */
        void acknowledged(int ack) {
            if (!ackSeen || ack - acked > 0) {
                acked = ack;
                ackSeen = true;
                if (unackedCount > 0 && ack - unackedSeq > 0) {
                    unackedCount = 0;
                }
            }
        }

        /** Out-of-order segments sorted by distance from {@code next} (all ahead of it, within the window). */
        final ArrayList<Seg> held = new ArrayList<>(0);
        int heldBytes;

        /** Holds a copy; false when a segment with the same start and length is already held. */
        boolean hold(int seq, byte[] b, int p, int len) {
            int rel = seq - next;
            int i = 0;
            while (i < held.size() && held.get(i).seq - next < rel) {
                i++;
            }
            for (int j = i; j < held.size() && held.get(j).seq == seq; j++) {
                if (held.get(j).data.length == len) {
                    return false;
                }
            }
            held.add(i, new Seg(seq, Arrays.copyOfRange(b, p, p + len)));
            heldBytes += len;
            return true;
        }
    }

    private record Seg(int seq, byte[] data) {
    }

    /** Connection key with endpoints in canonical order; one mutable probe, stored keys never change. */
    private static final class ConnKey {
        Endpoint a;
        Endpoint b;

        ConnKey set(Endpoint a, Endpoint b) {
            this.a = a;
            this.b = b;
            return this;
        }

        static boolean ordered(Endpoint x, Endpoint y) {
            if (x.hi() != y.hi()) {
                return Long.compareUnsigned(x.hi(), y.hi()) < 0;
            }
            if (x.lo() != y.lo()) {
                return Long.compareUnsigned(x.lo(), y.lo()) < 0;
            }
            return x.port() <= y.port();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnKey k && k.a.equals(a) && k.b.equals(b);
        }

        @Override
        public int hashCode() {
            return a.hashCode() * 31 + b.hashCode();
        }
    }
}
