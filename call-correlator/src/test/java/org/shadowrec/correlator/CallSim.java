package org.shadowrec.correlator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.shadowrec.correlator.api.CallCorrelator;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.Transport;
import org.shadowrec.sip.api.SipMessage;

/**
 * Drives a {@link CallCorrelator} through a timeline of capture events: SIP messages, RTP/RTCP datagrams and a tick
 * every 100 ms, executed in time order (events at equal times in the order they were added, ticks last). Times are
 * seconds after {@link #T0}.
 */
final class CallSim {
    static final long T0 = nanos(Instant.parse("2026-05-01T10:00:00Z"));
    static final Endpoint CALLER_SIP = Endpoint.parse("10.0.0.1", 5060);
    static final Endpoint CALLEE_SIP = Endpoint.parse("10.0.0.2", 5060);
    static final Endpoint CALLER_MEDIA = Endpoint.parse("10.0.0.1", 4000);
    static final Endpoint CALLEE_MEDIA = Endpoint.parse("10.0.0.2", 6000);

    private record Event(long nanos, int order, Runnable action) {}

    final MemoryRecordings recordings = new MemoryRecordings();
    final CallCorrelator correlator;
    private final List<Event> events = new ArrayList<>();
    private final List<Boolean> udpResults = new ArrayList<>();
    private long ticks;

    CallSim(CorrelatorConfig config) {
        this.correlator = new CallCorrelator(config, recordings);
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static long at(double seconds) {
        return T0 + Math.round(seconds * 1e9);
    }

    CallSim sip(double t, SipMessage m, Endpoint src, Endpoint dst) {
        events.add(new Event(at(t), 0, () -> correlator.onSip(m, src, dst, Transport.UDP, at(t))));
        return this;
    }

    /** The same message at each of {@code times} (retransmissions, mirror copies). */
    CallSim sipAt(SipMessage m, Endpoint src, Endpoint dst, double... times) {
        for (double t : times) {
            sip(t, m, src, dst);
        }
        return this;
    }

    /** A request or response from the caller's SIP endpoint. */
    CallSim fromCaller(double t, SipMessage m) {
        return sip(t, m, CALLER_SIP, CALLEE_SIP);
    }

    CallSim fromCallee(double t, SipMessage m) {
        return sip(t, m, CALLEE_SIP, CALLER_SIP);
    }

    /** Runs {@code action} at {@code t} seconds (e.g. an ICMP report). */
    CallSim at(double t, Runnable action) {
        events.add(new Event(at(t), 0, action));
        return this;
    }

    CallSim udp(double t, Endpoint src, Endpoint dst, byte[] payload) {
        events.add(new Event(at(t), 0, () -> udpResults.add(
                correlator.onUdp(src, dst, at(t), payload, 0, payload.length))));
        return this;
    }

    /** One packet every 20 ms from {@code from} (inclusive) to {@code to} (exclusive). Returns the packet count. */
    int rtp(ToneRtp stream, Endpoint src, Endpoint dst, double from, double to) {
        int n = 0;
        for (long i = 0; from + i * 0.02 < to - 1e-9; i++) {
            udp(from + i * 0.02, src, dst, stream.next(i == 0));
            n++;
        }
        return n;
    }

    /**
     * Runs the events up to {@code until} seconds (later ones wait for the next run), with ticks every 100 ms up to {@code until} seconds (continuing after the ticks
     * of an earlier run).
     */
    void run(double until) {
        for (; ticks * 0.1 <= until + 1e-9; ticks++) {
            long t = at(ticks * 0.1);
            events.add(new Event(t, 1, () -> correlator.onTick(t)));
        }
        long end = at(until);
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::nanos).thenComparingInt(Event::order));
        events.clear();
        for (Event e : sorted) {
            if (e.nanos() <= end) {
                e.action().run();
            } else {
                events.add(e);
            }
        }
    }

    /** How many onUdp calls returned false so far. */
    long unmatchedUdp() {
        return udpResults.stream().filter(b -> !b).count();
    }

    long counter(String key) {
        return correlator.counters().getOrDefault(key, 0L);
    }
}
