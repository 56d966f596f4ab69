package org.shadowrec.correlator.internal;

import java.util.HashMap;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecorderHealthConfig;

/**
 * Out-of-dialog OPTIONS keep-alives (RFC 3261 §11) that the SRC or CUCM sends to the SIP address of a recorder that
 * has live sessions, and whether the recorder answers them. Per recorder address: the transmissions since its last
 * response (retransmissions of one request and new requests alike; copies closer than 250 ms are one) and the first
 * of them. When they reach {@code requestTransmissions} over {@code requestSpan}, the streak is reported once
 * ({@link #sent} returns its first time); the next response from the recorder ends it ({@link #answered} says
 * whether a reported streak ended). Only addresses with live sessions are tracked, so the table is bounded by them.
 */
final class OptionsProbes {
    private static final long COPY_GAP_NANOS = 250_000_000L;

    private static final class Streak {
        long first;
        long last;
        int transmissions;
        boolean reported;
    }

    private final RecorderHealthConfig rules;
    private final Map<Endpoint, Streak> streaks = new HashMap<>();

    OptionsProbes(RecorderHealthConfig rules) {
        this.rules = rules;
    }

    /**
     * An OPTIONS sent to {@code recorder} at {@code nanos}. Returns the first transmission of the unanswered streak
     * when this one makes it reach the thresholds (once per streak), else -1.
     */
    long sent(Endpoint recorder, long nanos) {
        Streak s = streaks.computeIfAbsent(recorder, k -> new Streak());
        if (s.transmissions == 0) {
            s.first = nanos;
            s.last = nanos;
            s.transmissions = 1;
        } else if (nanos - s.last >= COPY_GAP_NANOS) {
            s.transmissions++;
            s.last = nanos;
        }
        if (!s.reported && s.transmissions >= rules.requestTransmissions()
                && s.last - s.first >= rules.requestSpan().toNanos()) {
            s.reported = true;
            return s.first;
        }
        return -1;
    }

    /** A response from {@code recorder}: the streak ends. Returns true when it had been reported. */
    boolean answered(Endpoint recorder) {
        Streak s = streaks.remove(recorder);
        return s != null && s.reported;
    }

    /** The recorder has no live session any more. */
    void forget(Endpoint recorder) {
        streaks.remove(recorder);
    }

    int size() {
        return streaks.size();
    }
}
