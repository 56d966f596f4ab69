package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecorderHealthConfig;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.sip.api.SipMessage;

/**
 * The offers of one recording session to recorders (SIPREC SRS or BiB recorder), in order: every dialog the SRC or
 * CUCM started for the session. When a recorder does not answer (the INVITE is retransmitted, or refused with
 * 408/480/503) the SRC offers the same session (same SIPREC session id, same BiB refci) to the next recorder: that is
 * one recording, with one entry per recorder here. Dialogs to the same recorder address (the two legs of a BiB pair)
 * make one entry.
 */
final class RecorderAttempts {
    private final List<Dialog> dialogs = new ArrayList<>();
    private final RecorderHealthConfig rules;
    /** Health per recorder address, in the order first offered. */
    private final Map<String, RecorderHealth> health = new LinkedHashMap<>();

    RecorderAttempts(RecorderHealthConfig rules) {
        this.rules = rules;
    }

    void add(Dialog d) {
        dialogs.add(d);
        healthOf(d);
    }

    List<Dialog> dialogs() {
        return dialogs;
    }

    private RecorderHealth healthOf(Dialog d) {
        return health.computeIfAbsent(addressOf(d), k -> new RecorderHealth(rules));
    }

    /**
     * A message of dialog {@code d}, after the dialog applied it. From the recorder: it is alive ({@link
     * RecorderHealth#heard}). A request to it that was now sent {@code requestTransmissions} times over at least
     * {@code requestSpan} without any response: suspected {@code unanswered-retransmissions} ({@code
     * options-unanswered} for an OPTIONS) from its first transmission.
     */
    void message(Dialog d, SipMessage m, long nanos) {
        if (d.senderOf(m) == Side.CALLEE) {
            healthOf(d).heard(nanos);
            return;
        }
        Dialog.Request r = d.lastRequest();
        if (r != null && !r.answered && r.transmissions >= rules.requestTransmissions()
                && r.last - r.first >= rules.requestSpan().toNanos()) {
            healthOf(d).suspect("OPTIONS".equals(r.method) ? RecorderHealth.OPTIONS : RecorderHealth.UNANSWERED,
                    r.first);
        }
    }

    /**
     * TCP evidence about the connection between the recorder's SIP address {@code recorder} and {@code peer}: a
     * suspicion ({@code tcp-reset}, {@code tcp-unacknowledged}) from {@code first}, for a recorder whose dialog with
     * that peer's host is still live (a reset after the dialogs ended is an ordinary close). Returns true when it
     * applied.
     */
    boolean tcp(String evidence, Endpoint recorder, Endpoint peer, long first) {
        for (Dialog d : dialogs) {
            Endpoint caller = d.callerAddress();
            if (recorder.equals(d.calleeAddress()) && d.live()
                    && (caller == null || peer == null || (caller.hi() == peer.hi() && caller.lo() == peer.lo()))) {
                healthOf(d).suspect(evidence, first);
                return true;
            }
        }
        return false;
    }

    /** Out-of-dialog OPTIONS to {@code recorder} unanswered since {@code first}: suspected while an offer is live. */
    void optionsUnanswered(Endpoint recorder, long first) {
        for (Dialog d : dialogs) {
            if (recorder.equals(d.calleeAddress()) && d.live()) {
                healthOf(d).suspect(RecorderHealth.OPTIONS, first);
                return;
            }
        }
    }

    /** A SIP message from the recorder at {@code sip} outside the session's dialogs (an OPTIONS response). */
    void heard(Endpoint sip, long nanos) {
        RecorderHealth h = health.get(sip.toString());
        if (h != null) {
            h.heard(nanos);
        }
    }

    /**
     * An ICMP unreachable for a datagram sent to {@code dst}: the recorder whose SIP address it is, else the one with
     * that IP address (its RTP port), else the one that answered (media on another address). Evidence only while a
     * dialog with that recorder is live: after a BYE (from either side) or a refusal it may close its ports while the
     * phone still sends. Returns false when it was no evidence.
     */
    boolean unreachable(Endpoint dst, boolean host, long nanos) {
        String key = null;
        for (Dialog d : dialogs) {
            if (dst.equals(d.calleeAddress())) {
                key = addressOf(d);
                break;
            }
        }
        for (int i = 0; key == null && i < dialogs.size(); i++) {
            Endpoint e = dialogs.get(i).calleeAddress();
            if (e != null && e.hi() == dst.hi() && e.lo() == dst.lo()) {
                key = addressOf(dialogs.get(i));
            }
        }
        for (int i = 0; key == null && i < dialogs.size(); i++) {
            if (dialogs.get(i).answeredAt() >= 0) {
                key = addressOf(dialogs.get(i));
            }
        }
        if (key == null && !dialogs.isEmpty()) {
            key = addressOf(dialogs.get(0));
        }
        if (key == null || !liveWith(key)) {
            return false;
        }
        health.computeIfAbsent(key, k -> new RecorderHealth(rules)).icmp(host, nanos);
        return true;
    }

    /** True while a dialog with the recorder at {@code address} is pending or established (no BYE, no failure). */
    private boolean liveWith(String address) {
        for (Dialog d : dialogs) {
            if (d.live() && address.equals(addressOf(d))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when an offer to {@code sip} is still waiting for its final response, or was answered: SIP sent there
     * (the offer, its retransmissions, in-dialog requests, the BYE) concerns a recorder that took or may take the
     * session. An offer it refused is done with.
     */
    boolean offerTo(Endpoint sip) {
        for (Dialog d : dialogs) {
            if (sip.equals(d.calleeAddress())
                    && ((d.finalStatus() == 0 && d.endedAt() < 0) || d.answeredAt() >= 0)) {
                return true;
            }
        }
        return false;
    }

    /** True when any offer was answered and has not ended: a failure of another offer does not end the session. */
    boolean anyLive() {
        for (Dialog d : dialogs) {
            if (d.answeredAt() >= 0 && d.endedAt() < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A dialog of the session ended in signalling. A BYE schedules the end after the grace (its 2xx turns
     * {@code bye-unanswered} into {@code bye}); a refusal or CANCEL of one offer ends the session only when no other
     * offer is live, and a later offer to the next recorder takes it back ({@link #offered}). A BYE sent by the
     * recorder, or its refusal, ends the session only once the media has also stopped for the grace: the phone or
     * SRC may keep streaming to a recorder that gave up, and the passive recording goes on to the real end. A BYE
     * of the phone system afterwards ends it as usual.
     */
    void ended(Dialog d, RecordingSession session, String reason, long nanos, long graceNanos) {
        boolean byRecorder = d.byeFromCallee() || Dialog.END_FAILED.equals(reason);
        if (Dialog.END_BYE.equals(reason) && Dialog.END_BYE_UNANSWERED.equals(session.endReason())) {
            session.reviseEndReason(Dialog.END_BYE_UNANSWERED, Dialog.END_BYE);
        } else if ((Dialog.END_FAILED.equals(reason) || Dialog.END_CANCEL.equals(reason)) && anyLive()) {
            return;
        } else if (byRecorder) {
            // the recorder hung up or refused: the phone or SRC may still stream to it, record until it stops
            session.endAfterMediaStops(reason, PlainSipCall.saturatedAdd(nanos, graceNanos));
        } else {
            session.endAfter(reason, PlainSipCall.saturatedAdd(nanos, graceNanos));
        }
    }

    /** A new offer (failover) or an answer revives a session whose offers had all failed or been cancelled. */
    void offered(RecordingSession session) {
        if (Dialog.END_FAILED.equals(session.endReason()) || Dialog.END_CANCEL.equals(session.endReason())) {
            session.cancelEnd();
        }
    }

    /** SIP facts: every dialog's Call-ID in order, the first offer, the first answer, the last end. */
    RecordingMetadata.Sip sip() {
        List<String> callIds = new ArrayList<>();
        long answered = -1;
        long ended = -1;
        for (Dialog d : dialogs) {
            if (!callIds.contains(d.callId())) {
                callIds.add(d.callId());
            }
            if (d.answeredAt() >= 0 && (answered < 0 || d.answeredAt() < answered)) {
                answered = d.answeredAt();
            }
            ended = Math.max(ended, d.endedAt());
        }
        return new RecordingMetadata.Sip(List.copyOf(callIds), IsoTimes.format(dialogs.get(0).invitedAt()),
                IsoTimes.formatOrNull(answered), IsoTimes.formatOrNull(ended));
    }

    /** One entry per recorder address, in the order first offered. */
    List<RecordingMetadata.Recorder> recorders() {
        Map<String, List<Dialog>> byAddress = byAddress();
        List<RecordingMetadata.Recorder> out = new ArrayList<>(byAddress.size());
        for (Map.Entry<String, List<Dialog>> e : byAddress.entrySet()) {
            List<Dialog> ds = e.getValue();
            List<String> callIds = new ArrayList<>();
            int invites = 0;
            boolean answered = false;
            boolean cancelled = false;
            int status = 0;
            for (Dialog d : ds) {
                if (!callIds.contains(d.callId())) {
                    callIds.add(d.callId());
                }
                invites = Math.max(invites, d.invites());
                answered |= d.answeredAt() >= 0;
                cancelled |= d.cancelled();
                if (status == 0 || (d.finalStatus() >= 200 && d.finalStatus() < 300)) {
                    status = d.finalStatus() != 0 ? d.finalStatus() : status;
                }
            }
            String outcome = answered ? "recording" : status >= 300 ? (cancelled ? "cancelled" : "rejected")
                    : cancelled ? "cancelled" : "no-answer";
            RecorderHealth h = health.get(e.getKey());
            out.add(new RecordingMetadata.Recorder(e.getKey(), List.copyOf(callIds),
                    IsoTimes.format(ds.get(0).invitedAt()), invites, answered, status == 0 ? null : status,
                    outcome, h == null ? 0 : (int) Math.min(Integer.MAX_VALUE, h.icmpTotal())));
        }
        return List.copyOf(out);
    }

    /**
     * The recorder first offered the session, and whether it failed. One that took the session (answered an offer)
     * failed when its {@link RecorderHealth} confirmed evidence: {@code icmp-port-unreachable},
     * {@code icmp-host-unreachable}, {@code unanswered-retransmissions}, {@code options-unanswered},
     * {@code tcp-reset}, {@code tcp-unacknowledged}; {@code failedAt} = the first evidence of the earliest confirmed
     * kind. One that never took it failed anyway: that evidence, {@code status-<code>} (refused) or {@code no-answer}
     * (no final response before another recorder was offered the session or the end); {@code failedAt} = the first
     * evidence or refusal, else the offer to the next recorder, else absent.
     */
    RecordingMetadata.PrimaryRecorder primary() {
        if (dialogs.isEmpty()) {
            return null;
        }
        Map<String, List<Dialog>> byAddress = byAddress();
        Map.Entry<String, List<Dialog>> first = byAddress.entrySet().iterator().next();
        List<Dialog> ds = first.getValue();
        RecorderHealth h = health.get(first.getKey());
        RecorderHealth.Verdict v = h == null ? new RecorderHealth.Verdict(false, -1, List.of()) : h.verdict();
        for (Dialog d : ds) {
            if (d.answeredAt() >= 0) {
                // it took the session; confirmed evidence says it died meanwhile (the passive recording goes on)
                return new RecordingMetadata.PrimaryRecorder(first.getKey(), v.failed(),
                        v.failed() ? IsoTimes.format(v.failedAt()) : null, v.evidence());
            }
        }
        List<String> evidence = new ArrayList<>(v.evidence());
        long failedAt = v.failed() ? v.failedAt() : -1;
        for (Dialog d : ds) {
            if (d.finalStatus() >= 300 && !evidence.contains("status-" + d.finalStatus())) {
                evidence.add("status-" + d.finalStatus());
                failedAt = failedAt < 0 ? d.endedAt() : Math.min(failedAt, d.endedAt());
            }
        }
        if (evidence.isEmpty()) {
            evidence.add("no-answer");
        }
        if (failedAt < 0) {
            failedAt = nextOfferAfter(ds.get(0).invitedAt(), first.getKey());
        }
        return new RecordingMetadata.PrimaryRecorder(first.getKey(), true, IsoTimes.formatOrNull(failedAt),
                List.copyOf(evidence));
    }

    /** Capture time of the first offer to another recorder, -1 when none. */
    private long nextOfferAfter(long nanos, String address) {
        for (Dialog d : dialogs) {
            if (!address.equals(addressOf(d)) && d.invitedAt() >= nanos) {
                return d.invitedAt();
            }
        }
        return -1;
    }

    private Map<String, List<Dialog>> byAddress() {
        Map<String, List<Dialog>> m = new LinkedHashMap<>();
        for (Dialog d : dialogs) {
            m.computeIfAbsent(addressOf(d), k -> new ArrayList<>()).add(d);
        }
        return m;
    }

    private static String addressOf(Dialog d) {
        Endpoint e = d.calleeAddress();
        return e == null ? "unknown" : e.toString();
    }
}
