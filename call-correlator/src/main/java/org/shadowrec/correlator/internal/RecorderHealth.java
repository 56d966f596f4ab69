package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.RecorderHealthConfig;

/**
 * Evidence that one recorder (one SIP address) of a session failed, with the capture time each kind was first seen.
 * Two kinds of evidence (see {@link RecorderHealthConfig} for the thresholds):
 * <ul>
 * <li>ICMP destination unreachable (RFC 792; RFC 4443 §3.1): confirmed by a <em>run</em> of at least
 *     {@code icmpConfirmCount} errors of one kind spanning at least {@code icmpConfirmSpan}, consecutive ones at most
 *     {@code icmpMaxGap} (port) or {@code icmpHostMaxGap} (host) apart; once confirmed it stays (the recorder lost
 *     audio). A SIP message from the recorder before the run is confirmed ends the run.</li>
 * <li>Suspicions (an unanswered request or OPTIONS, an unacknowledged TCP segment, a TCP reset): cleared when the
 *     recorder sends any SIP message within {@code answerWindow} of the suspicion's first evidence; a message later
 *     than that, or none until the session ends, confirms it.</li>
 * </ul>
 * The failure time is the first evidence of the earliest confirmed kind. Holds a few fields and at most one entry per
 * evidence name, whatever the traffic.
 */
final class RecorderHealth {
    static final String ICMP_PORT = "icmp-port-unreachable";
    static final String ICMP_HOST = "icmp-host-unreachable";
    static final String UNANSWERED = "unanswered-retransmissions";
    static final String OPTIONS = "options-unanswered";
    static final String TCP_RESET = "tcp-reset";
    static final String TCP_UNACKED = "tcp-unacknowledged";

    /** What the health says at the end: failed, when, and the evidence names in the order first seen. */
    record Verdict(boolean failed, long failedAt, List<String> evidence) {}

    private final RecorderHealthConfig rules;
    private final long answerWindowNanos;
    /** Evidence name → first time, confirmed. */
    private final Map<String, Long> confirmed = new LinkedHashMap<>(4);
    /** Evidence name → first time, suspected and not yet cleared or confirmed. */
    private final Map<String, Long> pending = new LinkedHashMap<>(4);
    private final Run portRun;
    private final Run hostRun;
    private long icmpTotal;

    /** A run of ICMP errors of one kind: consecutive ones at most {@code maxGap} apart. */
    private static final class Run {
        final long maxGapNanos;
        long start = -1;
        long last;
        int count;

        Run(long maxGapNanos) {
            this.maxGapNanos = maxGapNanos;
        }

        /** Adds one at {@code nanos}; returns the run's start. */
        long add(long nanos) {
            if (start < 0 || nanos - last > maxGapNanos || nanos < last) {
                start = nanos;
                count = 0;
            }
            count++;
            last = nanos;
            return start;
        }
    }

    RecorderHealth(RecorderHealthConfig rules) {
        this.rules = rules;
        this.answerWindowNanos = rules.answerWindow().toNanos();
        this.portRun = new Run(rules.icmpMaxGap().toNanos());
        this.hostRun = new Run(rules.icmpHostMaxGap().toNanos());
    }

    /**
     * An ICMP unreachable for a datagram sent to the recorder; {@code host} for host unreachable (from a router whose
     * ARP/ND for the recorder failed: bursts about every 3 s), else port unreachable (from its own host, rate-limited
     * to about one a second).
     */
    void icmp(boolean host, long nanos) {
        icmpTotal++;
        Run run = host ? hostRun : portRun;
        long start = run.add(nanos);
        if (run.count >= rules.icmpConfirmCount() && run.last - start >= rules.icmpConfirmSpan().toNanos()) {
            confirm(host ? ICMP_HOST : ICMP_PORT, start);
        }
    }

    /** ICMP unreachables seen for this recorder, confirmed or not. */
    long icmpTotal() {
        return icmpTotal;
    }

    /** A suspicion whose first evidence is at {@code first}; cleared or confirmed by {@link #heard}. */
    void suspect(String evidence, long first) {
        if (confirmed.containsKey(evidence)) {
            return;
        }
        pending.merge(evidence, first, Math::min);
    }

    /**
     * The recorder sent a SIP message at {@code nanos}: it is alive. Suspicions younger than the answer window are
     * cleared, older ones confirmed (the SRC gave up on them meanwhile); an unconfirmed ICMP run ends.
     */
    void heard(long nanos) {
        if (!pending.isEmpty()) {
            for (Map.Entry<String, Long> e : pending.entrySet()) {
                if (nanos - e.getValue() > answerWindowNanos) {
                    confirm(e.getKey(), e.getValue());
                }
            }
            pending.clear();
        }
        portRun.start = -1;
        hostRun.start = -1;
    }

    private void confirm(String evidence, long first) {
        confirmed.merge(evidence, first, Math::min);
    }

    /** The verdict at the end of the session: suspicions never cleared are confirmed (no response at all). */
    Verdict verdict() {
        Map<String, Long> all = new LinkedHashMap<>(confirmed);
        pending.forEach((k, v) -> all.merge(k, v, Math::min));
        if (all.isEmpty()) {
            return new Verdict(false, -1, List.of());
        }
        List<Map.Entry<String, Long>> byTime = new ArrayList<>(all.entrySet());
        byTime.sort(Map.Entry.comparingByValue());
        List<String> names = new ArrayList<>(byTime.size());
        for (Map.Entry<String, Long> e : byTime) {
            names.add(e.getKey());
        }
        return new Verdict(true, byTime.get(0).getValue(), List.copyOf(names));
    }
}
