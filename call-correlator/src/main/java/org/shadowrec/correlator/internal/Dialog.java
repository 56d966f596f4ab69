package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.List;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.SipMessage;

/**
 * SIP state of one INVITE dialog (RFC 3261 §12-§15), nothing about media or recordings: who called whom, the To tag
 * learnt from responses, when it was answered and ended, and which party sent a message. Every SDP is reported to the
 * {@link DialogObserver} as the announcement of its sender; the session decides what it means. Retransmissions (same
 * CSeq and branch) replay idempotent steps only: each state change happens at most once.
 */
final class Dialog {
    static final String END_BYE = "bye";
    static final String END_BYE_UNANSWERED = "bye-unanswered";
    static final String END_CANCEL = "cancel";
    static final String END_FAILED = "failed";
    /** Copies of the initial INVITE closer than this are one transmission seen twice (mirror port, two taps). */
    private static final long RETRANSMISSION_MIN_GAP_NANOS = 250_000_000L;
    /** Requests to the callee tracked at once (the latest ones): bounds what a flood of in-dialog requests holds. */
    static final int MAX_TRACKED_REQUESTS = 8;

    /**
     * One request sent by the caller to the callee (for BiB and SIPREC: to the recorder), its transmissions (copies
     * closer than 250 ms are one) and whether any response to it came back (RFC 3261 §17.1: a provisional response
     * stops retransmissions too).
     */
    static final class Request {
        final String method;
        final long cseq;
        final long first;
        long last;
        int transmissions = 1;
        boolean answered;

        Request(String method, long cseq, long nanos) {
            this.method = method;
            this.cseq = cseq;
            this.first = nanos;
            this.last = nanos;
        }
    }

    private final DialogKey key;
    private final long inviteCseq;
    private final long invitedAt;
    private final NameAddr caller;
    private final NameAddr callee;
    private final String callerDevice;
    private final Endpoint calleeAddress;
    private final Endpoint callerAddress;
    private final List<Request> requests = new ArrayList<>(2);
    private Request lastRequest;
    private int invites = 1;
    private long lastInviteNanos;
    private int finalStatus;
    private String calleeDevice;
    private String toTag;
    private long answeredAt = -1;
    private long endedAt = -1;
    private boolean cancelled;
    private boolean byeSeen;
    private boolean byeAnswered;
    private boolean byeFromCallee;
    private DialogObserver observer;

    /**
     * @param callerAddress where the initial INVITE came from (the SRC or CUCM for SIPREC and BiB), or null
     * @param calleeAddress where the initial INVITE was sent (the UAS; for SIPREC and BiB the recorder), or null
     */
    Dialog(SipMessage invite, Endpoint callerAddress, Endpoint calleeAddress, long nanos) {
        this.callerAddress = callerAddress;
        this.calleeAddress = calleeAddress;
        this.lastInviteNanos = nanos;
        this.key = DialogKey.of(invite.callId(), invite.from() == null ? null : invite.from().tag());
        this.inviteCseq = invite.cseq();
        this.invitedAt = nanos;
        this.caller = invite.from();
        this.callee = invite.to();
        this.callerDevice = header(invite, "User-Agent");
    }

    void observer(DialogObserver o) {
        this.observer = o;
    }

    /** Who sent {@code m}: requests from the caller carry its tag in From, responses to them come from the callee. */
    Side senderOf(SipMessage m) {
        String fromTag = m.from() == null || m.from().tag() == null ? "" : m.from().tag();
        boolean callerRequestDirection = fromTag.equals(key.tag());
        return m.request() == callerRequestDirection ? Side.CALLER : Side.CALLEE;
    }

    /** Applies one message that belongs to this dialog. Never throws for content. */
    void onMessage(SipMessage m, long nanos) {
        Side sender = senderOf(m);
        observer.message(this, sender, m, nanos);
        if (m.request()) {
            onRequest(m, sender, nanos);
        } else {
            onResponse(m, sender, nanos);
        }
    }

    private void onRequest(SipMessage m, Side sender, long nanos) {
        String method = m.method() == null ? "" : m.method();
        if (sender == Side.CALLEE) {
            learnCalleeDevice(header(m, "User-Agent"));
        }
        lastRequest = sender == Side.CALLER && !"ACK".equals(method) ? track(method, m.cseq(), nanos) : null;
        if (sender == Side.CALLER && "INVITE".equals(method) && m.cseq() == inviteCseq && answeredAt < 0
                && nanos - lastInviteNanos >= RETRANSMISSION_MIN_GAP_NANOS) {
            invites++;
            lastInviteNanos = nanos;
        }
        switch (method) {
            case "INVITE", "ACK", "UPDATE", "PRACK" -> reportSdp(m, sender, nanos);
            case "BYE" -> {
                if (!byeSeen) {
                    byeSeen = true;
                    byeFromCallee = sender == Side.CALLEE;
                    endedAt = endedAt < 0 ? nanos : endedAt;
                    observer.ended(this, END_BYE_UNANSWERED, nanos);
                }
            }
            case "CANCEL" -> {
                // RFC 3261 §9.2: a CANCEL has no effect once a final response was sent.
                if (sender == Side.CALLER && answeredAt < 0 && endedAt < 0) {
                    cancelled = true;
                    endedAt = nanos;
                    observer.ended(this, END_CANCEL, nanos);
                }
            }
            default -> { }
        }
    }

    private void onResponse(SipMessage m, Side sender, long nanos) {
        int status = m.statusCode();
        if (sender == Side.CALLEE) {
            String device = header(m, "Server");
            learnCalleeDevice(device != null ? device : header(m, "User-Agent"));
        }
        String method = m.cseqMethod() == null ? "" : m.cseqMethod();
        lastRequest = null;
        if (sender == Side.CALLEE) {
            Request r = request(method, m.cseq());
            if (r != null) {
                r.answered = true;
            }
        }
        switch (method) {
            case "INVITE" -> onInviteResponse(m, sender, status, nanos);
            case "UPDATE", "PRACK" -> {
                if (status >= 200 && status < 300) {
                    reportSdp(m, sender, nanos);
                }
            }
            case "BYE" -> {
                if (byeSeen && !byeAnswered && status >= 200 && status < 300) {
                    byeAnswered = true;
                    observer.ended(this, END_BYE, nanos);
                }
            }
            default -> { }
        }
    }

    private void onInviteResponse(SipMessage m, Side sender, int status, long nanos) {
        boolean initial = m.cseq() == inviteCseq && sender == Side.CALLEE;
        String tag = m.to() == null ? null : m.to().tag();
        if (initial && tag != null && !tag.isEmpty() && status > 100 && status < 300
                && (toTag == null || (status >= 200 && answeredAt < 0))) {
            toTag = tag;
        }
        if (status > 100 && status < 300) {
            reportSdp(m, sender, nanos);
        }
        if (!initial) {
            return;     // a re-INVITE's failure keeps the call (RFC 3261 §14.1)
        }
        if (status >= 200 && finalStatus == 0) {
            finalStatus = status;
        }
        if (status >= 200 && status < 300 && answeredAt < 0) {
            answeredAt = nanos;
            if (cancelled) {
                // the 200 crossed the CANCEL: the call is established after all (RFC 3261 §9.1)
                cancelled = false;
                endedAt = -1;
            }
            observer.answered(this, nanos);
        } else if (status >= 300 && answeredAt < 0 && endedAt < 0) {
            endedAt = nanos;
            observer.ended(this, END_FAILED, nanos);
        }
    }

    /** Counts a transmission of a request to the callee: a new one, or a retransmission of one not answered. */
    private Request track(String method, long cseq, long nanos) {
        Request r = request(method, cseq);
        if (r == null) {
            if (requests.size() >= MAX_TRACKED_REQUESTS) {
                requests.remove(0);
            }
            r = new Request(method, cseq, nanos);
            requests.add(r);
        } else if (!r.answered && nanos - r.last >= RETRANSMISSION_MIN_GAP_NANOS) {
            r.transmissions++;
            r.last = nanos;
        }
        return r;
    }

    private Request request(String method, long cseq) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Request r = requests.get(i);
            if (r.cseq == cseq && r.method.equals(method)) {
                return r;
            }
        }
        return null;
    }

    /** The request to the callee the last message applied was (a transmission of), or null. */
    Request lastRequest() {
        return lastRequest;
    }

    /** True after a BYE sent by the callee (for BiB and SIPREC: the recorder). */
    boolean byeFromCallee() {
        return byeFromCallee;
    }

    /** True while the dialog is not over in signalling (no BYE, CANCEL or failure yet). */
    boolean live() {
        return endedAt < 0 && !byeSeen;
    }

    private void reportSdp(SipMessage m, Side sender, long nanos) {
        if (m.sdp() != null) {
            observer.sdp(this, sender, m.sdp(), nanos);
        }
    }

    private static String header(SipMessage m, String name) {
        return m.headers() == null ? null : m.header(name);
    }

    private void learnCalleeDevice(String device) {
        if (calleeDevice == null && device != null && !device.isBlank()) {
            calleeDevice = device;
        }
    }

    DialogKey key() {
        return key;
    }

    String callId() {
        return key.callId();
    }

    String fromTag() {
        return key.tag();
    }

    /** The To tag of the answering (or first provisional) response, null before any. */
    String toTag() {
        return toTag;
    }

    long invitedAt() {
        return invitedAt;
    }

    long answeredAt() {
        return answeredAt;
    }

    long endedAt() {
        return endedAt;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Where the initial INVITE came from, or null when not known. */
    Endpoint callerAddress() {
        return callerAddress;
    }

    /** Where the initial INVITE was sent, or null when not known. */
    Endpoint calleeAddress() {
        return calleeAddress;
    }

    /** Transmissions of the initial INVITE seen (retransmissions at least 250 ms apart count; copies do not). */
    int invites() {
        return invites;
    }

    /** The first final status (2xx-6xx) to the initial INVITE, 0 before any. */
    int finalStatus() {
        return finalStatus;
    }

    NameAddr caller() {
        return caller;
    }

    NameAddr callee() {
        return callee;
    }

    String callerDevice() {
        return callerDevice;
    }

    String calleeDevice() {
        return calleeDevice;
    }

    @Override
    public String toString() {
        return "Dialog[" + key.callId() + "]";
    }
}
