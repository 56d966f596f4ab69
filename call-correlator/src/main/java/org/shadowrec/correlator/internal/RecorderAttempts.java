package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;

/**
 * The offers of one recording session to recorders (SIPREC SRS or BiB recorder), in order: every dialog the SRC or
 * CUCM started for the session. When a recorder does not answer (the INVITE is retransmitted, or refused with
 * 408/480/503) the SRC offers the same session (same SIPREC session id, same BiB refci) to the next recorder: that is
 * one recording, with one entry per recorder here. Dialogs to the same recorder address (the two legs of a BiB pair)
 * make one entry.
 */
final class RecorderAttempts {
    static final String ICMP = "icmp-port-unreachable";
    private final List<Dialog> dialogs = new ArrayList<>();
    /** ICMP unreachable per recorder address: {count, first capture time}. */
    private final Map<String, long[]> icmp = new LinkedHashMap<>();

    void add(Dialog d) {
        dialogs.add(d);
    }

    List<Dialog> dialogs() {
        return dialogs;
    }

    /**
     * An ICMP unreachable for a datagram sent to {@code dst}: the recorder whose SIP address it is, else the one with
     * that IP address (its RTP port), else the one that answered (media on another address).
     */
    void unreachable(Endpoint dst, long nanos) {
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
        if (key != null) {
            long[] v = icmp.computeIfAbsent(key, k -> new long[] {0, nanos});
            v[0]++;
        }
    }

    /** True when an offer to {@code sip} is still waiting for its final response. */
    boolean pendingOfferTo(Endpoint sip) {
        for (Dialog d : dialogs) {
            if (sip.equals(d.calleeAddress()) && d.finalStatus() == 0 && d.endedAt() < 0) {
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
     * offer is live, and a later offer to the next recorder takes it back ({@link #offered}).
     */
    void ended(RecordingSession session, String reason, long nanos, long graceNanos) {
        if (Dialog.END_BYE.equals(reason) && Dialog.END_BYE_UNANSWERED.equals(session.endReason())) {
            session.reviseEndReason(Dialog.END_BYE_UNANSWERED, Dialog.END_BYE);
        } else if ((Dialog.END_FAILED.equals(reason) || Dialog.END_CANCEL.equals(reason)) && anyLive()) {
            return;
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
            long[] unreachable = icmp.get(e.getKey());
            out.add(new RecordingMetadata.Recorder(e.getKey(), List.copyOf(callIds),
                    IsoTimes.format(ds.get(0).invitedAt()), invites, answered, status == 0 ? null : status,
                    outcome, unreachable == null ? 0 : (int) Math.min(Integer.MAX_VALUE, unreachable[0])));
        }
        return List.copyOf(out);
    }

    /**
     * The recorder first offered the session, and whether it failed to take it: evidence
     * {@code unanswered-retransmissions} (INVITE sent more than once without a final response), {@code status-<code>}
     * (refused), {@code no-answer} (no final response before another recorder was offered the session or the end).
     */
    RecordingMetadata.PrimaryRecorder primary() {
        if (dialogs.isEmpty()) {
            return null;
        }
        Map<String, List<Dialog>> byAddress = byAddress();
        Map.Entry<String, List<Dialog>> first = byAddress.entrySet().iterator().next();
        List<Dialog> ds = first.getValue();
        long[] unreachable = icmp.get(first.getKey());
        for (Dialog d : ds) {
            if (d.answeredAt() >= 0) {
                // it took the session; ICMP says it died meanwhile (the passive recording is now the only one)
                return unreachable == null
                        ? new RecordingMetadata.PrimaryRecorder(first.getKey(), false, null, List.of())
                        : new RecordingMetadata.PrimaryRecorder(first.getKey(), true,
                                IsoTimes.format(unreachable[1]), List.of(ICMP));
            }
        }
        List<String> evidence = new ArrayList<>();
        long failedAt = -1;
        if (unreachable != null) {
            evidence.add(ICMP);
        }
        for (Dialog d : ds) {
            if (d.invites() > 1 && d.finalStatus() == 0 && !evidence.contains("unanswered-retransmissions")) {
                evidence.add("unanswered-retransmissions");
            }
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
        if (failedAt < 0 && unreachable != null) {
            failedAt = unreachable[1];
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
