package org.shadowrec.correlator.internal;

import java.util.List;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecorderHealthConfig;
import org.shadowrec.sip.api.SipMessage;

/**
 * Evidence about recorders that does not come with a dialog's own messages: ICMP errors quoting a datagram sent to
 * a recorder (SIP or RTP), TCP resets and unacknowledged segments on a recorder's SIP connection, out-of-dialog
 * OPTIONS keep-alives and their responses. Each is matched by one lookup of an exact address (a bound media endpoint
 * in the {@link FlowTable}, or a recorder's SIP address in the {@link SessionRouter}) and handed to the
 * {@link RecorderAttempts} of the sessions concerned, where {@link RecorderHealth} decides. Confined to the
 * processing thread, like the engine that owns it.
 */
final class RecorderEvidence {
    private final RecorderHealthConfig rules;
    private final FlowTable table;
    private final SessionRouter router;
    private final Counters counters;
    private final OptionsProbes probes;

    RecorderEvidence(RecorderHealthConfig rules, FlowTable table, SessionRouter router, Counters counters) {
        this.rules = rules;
        this.table = table;
        this.router = router;
        this.counters = counters;
        this.probes = new OptionsProbes(rules);
    }

    /**
     * A message of no known dialog: an OPTIONS keep-alive to the SIP address of a recorder with live sessions, or
     * its response (RFC 3261 §11). Unanswered OPTIONS are evidence against that recorder in each of its sessions.
     */
    void outOfDialog(SipMessage m, Endpoint src, Endpoint dst, long nanos) {
        if (m.request() && "OPTIONS".equals(m.method()) && dst != null) {
            List<RecordingSession> live = router.offeredTo(dst);
            if (live.isEmpty()) {
                return;
            }
            long first = probes.sent(dst, nanos);
            if (first >= 0) {
                counters.increment("recorder-options-unanswered");
                for (RecordingSession s : live) {
                    s.signalling().attempts().optionsUnanswered(dst, first);
                }
            }
        } else if (!m.request() && src != null && probes.answered(src)) {
            for (RecordingSession s : router.offeredTo(src)) {
                s.signalling().attempts().heard(src, nanos);
            }
        }
    }

    /**
     * An ICMP destination unreachable ({@code kind} {@code port-unreachable} or {@code host-unreachable}; others are
     * counted {@code icmp-ignored}) quoting a UDP datagram from {@code origSrc} to {@code origDst}. Evidence against
     * a recorder of a BiB or SIPREC session: its SIP address (an offer it never received) or a media endpoint it
     * announced (it died mid-call while the phone or SRC keeps sending). Returns true when matched.
     */
    public boolean onIcmpUnreachable(Endpoint origSrc, Endpoint origDst, String kind, long nanos) {
        boolean host = "host-unreachable".equals(kind);
        if (!host && !"port-unreachable".equals(kind)) {
            counters.increment("icmp-ignored");
            return false;
        }
        counters.increment("icmp-unreachable");
        boolean matched = false;
        MediaBinding b = origSrc == null ? null : table.pair(origSrc, origDst);
        if (b == null) {
            b = table.get(origDst);
        }
        if (b != null && b.session.signalling().attempts() != null && b.channelIn >= 0) {
            Dialog owner = b.rtcp ? null : b.session.signalling().recorderDialogAt(origDst);
            if (b.rtcp) {
                counters.increment("icmp-rtcp");            // many recorders never open their RTCP port
            } else if (owner == null) {
                counters.increment("icmp-stale-media");     // a port the recorder left after a media move
            } else if (!owner.live() || !b.session.signalling().attempts().unreachable(origDst, host, nanos)) {
                counters.increment("icmp-after-end");       // it hung up and closed its ports; the phone sends on
            }
            matched = true;
        }
        for (RecordingSession s : router.offeredTo(origDst)) {
            // SIP that did not reach the recorder: an offer waiting for an answer, or a dialog it took
            if (s.signalling().attempts().offerTo(origDst)) {
                if (!s.signalling().attempts().unreachable(origDst, host, nanos)) {
                    counters.increment("icmp-after-end");
                }
                matched = true;
            }
        }
        if (!matched) {
            counters.increment("icmp-unmatched");
        }
        return matched;
    }

    /**
     * A TCP reset of the connection between {@code src} (the sender of the RST) and {@code dst}: evidence
     * {@code tcp-reset} against the recorder whose SIP address is either end, in its sessions whose dialog with the
     * other end's host is still live. Returns true when matched (counted {@code recorder-tcp-reset}).
     */
    public boolean onTcpReset(Endpoint src, Endpoint dst, long nanos) {
        boolean matched = tcpEvidence(RecorderHealth.TCP_RESET, src, dst, nanos)
                | tcpEvidence(RecorderHealth.TCP_RESET, dst, src, nanos);
        if (matched) {
            counters.increment("recorder-tcp-reset");
        }
        return matched;
    }

    /**
     * A TCP segment from {@code src} to {@code dst} sent again ({@code transmissions} so far, the first at
     * {@code firstNanos}) without the acknowledgement advancing. When {@code dst} is a recorder's SIP address and the
     * count and span reach {@code tcpTransmissions} and {@code tcpSpan}: evidence {@code tcp-unacknowledged} from
     * the first transmission. Returns true when matched (counted {@code recorder-tcp-unacknowledged}).
     */
    public boolean onTcpRetransmission(Endpoint src, Endpoint dst, long firstNanos, int transmissions, long nanos) {
        if (transmissions < rules.tcpTransmissions()
                || nanos - firstNanos < rules.tcpSpan().toNanos()) {
            return false;
        }
        boolean matched = tcpEvidence(RecorderHealth.TCP_UNACKED, dst, src, firstNanos);
        if (matched) {
            counters.increment("recorder-tcp-unacknowledged");
        }
        return matched;
    }

    private boolean tcpEvidence(String evidence, Endpoint recorder, Endpoint peer, long first) {
        boolean matched = false;
        for (RecordingSession s : router.offeredTo(recorder)) {
            matched |= s.signalling().attempts().tcp(evidence, recorder, peer, first);
        }
        return matched;
    }

    /** A session ended: OPTIONS of recorders without live sessions are no longer followed. */
    void released(RecordingSession s) {
        for (Dialog d : s.signalling().dialogs()) {
            if (d.calleeAddress() != null && router.offeredTo(d.calleeAddress()).isEmpty()) {
                probes.forget(d.calleeAddress());
            }
        }
    }

    int trackedProbes() {
        return probes.size();
    }
}
