package org.shadowrec.correlator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.rtp.api.RecordingMixer;
import org.shadowrec.sip.api.SipMessage;

/**
 * The correlator's state and its four events. Dialogs are found by Call-ID + tag; a new INVITE goes through the
 * {@link SessionRouter}. Media is matched in the {@link FlowTable}: first by destination (audio sent to a party is
 * the other party's), then by source (symmetric RTP). Sessions without media wait in {@link PendingDeadlines} (end
 * grace, signalling timeout) and cost nothing per tick; recording sessions are advanced on every tick. Iteration is in
 * insertion order everywhere, so the same inputs give the same outputs.
 */
public final class CorrelatorEngine {

    private record DialogEntry(Dialog dialog, RecordingSession session) {}

    private final CorrelatorConfig config;
    private final RecordingListener listener;
    private final Counters counters = new Counters();
    private final FlowTable table = new FlowTable();
    private final SessionRouter router;
    private final Map<DialogKey, DialogEntry> dialogs = new LinkedHashMap<>();
    private final Set<RecordingSession> sessions = new LinkedHashSet<>();
    private final Set<RecordingSession> recording = new LinkedHashSet<>();
    private final PendingDeadlines deadlines;
    private final Consumer<RecordingSession> onExpired = this::dropWithoutMedia;
    private final RecorderEvidence evidence;
    private final long rtpTimeoutNanos;
    private final long maxDurationNanos;
    private long position = -1;
    private long lastNanos = Long.MIN_VALUE;
    private final long byeGraceNanos;
    private long metadataNotKept;

    /** Keys present in every snapshot (0 until counted), so that dashboards see a stable set. */
    private static final String[] KEYS = {
        "sip-requests", "sip-responses", "sip-no-dialog", "sip-no-call-id", "calls", "dialogs-joined",
        "dialogs-refused",
        "recordings-opened", "recordings-completed", "calls-without-media", "signalling-timeout", "udp-unmatched", "rtcp", "rtp-invalid",
        "recording-open-failed", "recording-write-failed", "flows-refused", "bindings-refused",
        "icmp-unreachable", "icmp-unmatched", "capture-gaps", "icmp-ignored", "icmp-stale-media", "icmp-rtcp", "icmp-after-end", "siprec-metadata-documents", "siprec-metadata-parsed",
        "siprec-metadata-failed", "siprec-metadata-not-kept", "recordings-refused", "rtp-refused", "offers-refused",
        "recorder-options-unanswered", "recorder-tcp-reset", "recorder-tcp-unacknowledged",
    };

    public CorrelatorEngine(CorrelatorConfig config, RecordingListener listener) {
        this.config = config;
        this.listener = listener;
        this.router = new SessionRouter(config, table);
        this.rtpTimeoutNanos = config.rtpTimeout().toNanos();
        this.deadlines = new PendingDeadlines(config.signallingTimeout().toNanos());
        this.maxDurationNanos = config.maxDuration().toNanos();
        this.byeGraceNanos = config.byeGrace().toNanos();
        this.evidence = new RecorderEvidence(config.health(), table, router, counters);
        for (String k : KEYS) {
            counters.add(k, 0);
        }
    }

    public void onSip(SipMessage m, long nanos) {
        onSip(m, null, null, nanos);
    }

    /** A SIP message from {@code src} to {@code dst} (either may be null when unknown). */
    public void onSip(SipMessage m, Endpoint src, Endpoint dst, long nanos) {
        if (m == null) {
            return;
        }
        counters.increment(m.request() ? "sip-requests" : "sip-responses");
        if (m.callId() == null || m.callId().isEmpty()) {
            counters.increment("sip-no-call-id");
            return;
        }
        DialogEntry e = find(m);
        if (e != null && isFailover(e, m, dst)) {
            e = start(m, src, dst, nanos);
            if (e == null) {
                return;
            }
        }
        if (e == null) {
            if (!isInitialInvite(m)) {
                evidence.outOfDialog(m, src, dst, nanos);
                counters.increment("sip-no-dialog");
                return;
            }
            if (dialogs.size() >= config.maxOpenDialogs()) {
                counters.increment("dialogs-refused");
                return;
            }
            e = start(m, src, dst, nanos);
            if (e == null) {
                return;
            }
        }
        RecordingSession s = e.session();
        s.touchSignalling(nanos);
        e.dialog().onMessage(m, nanos);
        RecorderAttempts attempts = s.signalling().attempts();
        if (attempts != null) {
            attempts.message(e.dialog(), m, nanos);
        }
        deadlines.schedule(s);
    }

    private DialogEntry find(SipMessage m) {
        DialogEntry e = m.from() == null ? null : dialogs.get(DialogKey.of(m.callId(), m.from().tag()));
        if (e == null && m.to() != null && m.to().tag() != null && !m.to().tag().isEmpty()) {
            e = dialogs.get(DialogKey.of(m.callId(), m.to().tag()));
        }
        return e;
    }

    /**
     * The initial INVITE of a known dialog of a recorder session, not yet answered, sent to another recorder: the
     * SRC or CUCM offers the session to the next recorder keeping Call-ID and From tag (RFC 3263 failover).
     */
    private static boolean isFailover(DialogEntry e, SipMessage m, Endpoint dst) {
        Dialog d = e.dialog();
        return dst != null && d.calleeAddress() != null && !dst.equals(d.calleeAddress()) && isInitialInvite(m)
                && d.answeredAt() < 0 && e.session().signalling().offeredToRecorders()
                && e.session().state() != RecordingSession.State.DONE;
    }

    private static boolean isInitialInvite(SipMessage m) {
        return m.request() && "INVITE".equals(m.method())
                && (m.to() == null || m.to().tag() == null || m.to().tag().isEmpty());
    }

    /**
     * Starts the session of an initial INVITE (or, for kinds whose sessions have several dialogs, joins one) and
     * returns the entry of the INVITE's own dialog; null when the session holds its maximum of offers.
     */
    private DialogEntry start(SipMessage invite, Endpoint src, Endpoint dst, long nanos) {
        SessionRouter.Routed routed = router.open(invite, src, dst, nanos);
        if (routed == null) {
            counters.increment("offers-refused");
            return null;
        }
        RecordingSession s = routed.session();
        s.origin(position);
        counters.increment(routed.joined() ? "dialogs-joined" : "calls");
        sessions.add(s);
        DialogEntry own = new DialogEntry(routed.dialog(), s);
        dialogs.put(routed.dialog().key(), own);        // a failover offer with the same key takes over its entry
        for (Dialog d : s.signalling().dialogs()) {
            dialogs.putIfAbsent(d.key(), new DialogEntry(d, s));
        }
        return own;
    }

    public boolean onUdp(Endpoint src, Endpoint dst, long nanos, byte[] buf, int off, int len) {
        boolean inbound = true;
        MediaBinding b = table.pair(src, dst);
        if (b == null) {
            b = table.get(dst);
        }
        if (b == null) {
            b = table.get(src);
            inbound = false;
            if (b == null) {
                counters.increment("udp-unmatched");
                return false;
            }
        }
        if (b.rtcp || isMuxedRtcp(buf, off, len)) {
            counters.increment("rtcp");
            return true;
        }
        RecordingSession s = b.session;
        if (s.state() == RecordingSession.State.PENDING) {
            // the recording opens on the first RTP packet, not on a STUN or garbage datagram to the same port
            if (!looksLikeRtp(buf, off, len)) {
                counters.increment("rtp-invalid");
                return true;
            }
            if (!open(s, nanos)) {
                return true;
            }
        }
        boolean ok = b.split == null ? s.rtp(b, inbound, src, dst, nanos, buf, off, len)
                : s.rtpOnChannel(b.split.channelOf(ssrc(buf, off, len), nanos), src, dst, nanos, buf, off, len);
        if (!ok) {
            counters.increment("rtp-invalid");
        }
        return true;
    }

    /** The SSRC of an RTP packet (RFC 3550 §5.1, octets 8-11), 0 when too short. */
    private static long ssrc(byte[] buf, int off, int len) {
        if (len < 12) {
            return 0;
        }
        return ((buf[off + 8] & 0xFFL) << 24) | ((buf[off + 9] & 0xFF) << 16) | ((buf[off + 10] & 0xFF) << 8)
                | (buf[off + 11] & 0xFF);
    }

    /** RTP version 2 and a fixed header (RFC 3550 §5.1). */
    private static boolean looksLikeRtp(byte[] buf, int off, int len) {
        return len >= 12 && (buf[off] & 0xC0) == 0x80;
    }

    /** RTCP multiplexed on the RTP port: packet types 192..223 (RFC 5761 §4). */
    private static boolean isMuxedRtcp(byte[] buf, int off, int len) {
        if (len < 2) {
            return false;
        }
        int pt = buf[off + 1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    private boolean open(RecordingSession s, long nanos) {
        if (recording.size() >= config.maxOpenRecordings()) {
            if (s.markRefused()) {
                counters.increment("recordings-refused");
            }
            counters.increment("rtp-refused");
            return false;
        }
        try {
            s.open(listener, nanos);
        } catch (IOException ex) {
            counters.increment("recording-open-failed");
            release(s);
            return false;
        }
        recording.add(s);
        counters.increment("recordings-opened");
        return true;
    }

    public void onTick(long nanos) {
        lastNanos = Math.max(lastNanos, nanos);
        deadlines.expire(nanos, onExpired);
        List<RecordingSession> due = null;
        List<String> reasons = null;
        for (RecordingSession s : recording) {
            String reason = dueReason(s, nanos);
            if (reason == null) {
                try {
                    s.mixer().advance(nanos, s.sink());
                    continue;
                } catch (IOException ex) {
                    counters.increment("recording-write-failed");
                }
            }
            if (due == null) {
                due = new ArrayList<>();
                reasons = new ArrayList<>();
            }
            due.add(s);
            reasons.add(reason);
        }
        for (int i = 0; due != null && i < due.size(); i++) {
            if (reasons.get(i) == null) {
                release(due.get(i));
            } else {
                complete(due.get(i), reasons.get(i));
            }
        }
    }

    private String dueReason(RecordingSession s, long nanos) {
        if (nanos >= s.endAtNanos() && (!s.endWhenMediaStops() || nanos - s.lastRtpNanos() >= byeGraceNanos)) {
            return s.endReason();
        }
        if (nanos - s.inactiveSince() >= rtpTimeoutNanos) {
            return "rtp-timeout";
        }
        long origin = s.mixer().originNanos();
        if (origin >= 0 && nanos - origin >= maxDurationNanos) {
            return "max-duration";
        }
        return null;
    }

    private void dropWithoutMedia(RecordingSession s) {
        counters.increment("calls-without-media");
        if (s.endReason() == null) {
            counters.increment("signalling-timeout");
        }
        release(s);
    }

    public void finishAll(long nanos, String endReason) {
        for (RecordingSession s : new ArrayList<>(sessions)) {
            if (s.state() == RecordingSession.State.RECORDING) {
                // a call that already ended in signalling keeps that reason; the others end with the given one, and
                // so does one whose recorder hung up while the media still flows (its end was not due yet)
                boolean ended = s.endReason() != null
                        && !(s.endWhenMediaStops() && nanos - s.lastRtpNanos() < byeGraceNanos);
                complete(s, ended ? s.endReason() : endReason);
            } else {
                counters.increment("calls-without-media");
                release(s);
            }
        }
        deadlines.clear();
    }

    /** Completes now every session whose signalling already ended; the others stay open. */
    public void completeEnded(long nanos) {
        for (RecordingSession s : new ArrayList<>(sessions)) {
            // still up: no end in signalling, or the recorder hung up while the phone system still sends media
            boolean up = s.endReason() == null || s.endAtNanos() == Long.MAX_VALUE
                    || (s.endWhenMediaStops() && nanos - s.lastRtpNanos() < byeGraceNanos);
            if (up) {
                flush(s); // the unfinished file is playable up to the stop
                continue;
            }
            if (s.state() == RecordingSession.State.RECORDING) {
                complete(s, s.endReason());
            } else {
                counters.increment("calls-without-media");
                release(s);
            }
        }
    }

    /** Flushes the sink of every open recording. */
    public void flushOpen() {
        for (RecordingSession s : recording) {
            flush(s);
        }
    }

    private void flush(RecordingSession s) {
        if (s.state() == RecordingSession.State.RECORDING) {
            try {
                s.sink().flush();
            } catch (IOException ex) {
                counters.increment("recording-write-failed");
            }
        }
    }

    private void complete(RecordingSession s, String reason) {
        RecordingMixer mixer = s.mixer();
        try {
            mixer.finish(s.sink());
            RecordingMetadata md = MetadataBuilder.build(s, reason);
            s.sink().complete(md);
            counters.increment("recordings-completed");
            counters.increment("end-" + reason);
        } catch (IOException ex) {
            counters.increment("recording-write-failed");
        }
        addMixerCounters(mixer);
        release(s);
    }

    /** Adds a finished mixer's counters, as {@code mixer-<key>}, to the totals. */
    private void addMixerCounters(RecordingMixer mixer) {
        mixer.counters().forEach((k, v) -> counters.add("mixer-" + k, v));
    }

    private void release(RecordingSession s) {
        s.release();
        counters.add("flows-refused", s.flowsRefused());
        counters.add("bindings-refused", s.bindingsRefused());
        for (Dialog d : s.signalling().dialogs()) {
            DialogEntry e = dialogs.get(d.key());
            if (e != null && e.session() == s) {
                dialogs.remove(d.key());
            }
        }
        sessions.remove(s);
        recording.remove(s);
        router.released(s);
        if (s.signalling() instanceof SiprecSession rs) {
            metadataNotKept += rs.documentsNotKept();
        }
        evidence.released(s);
    }

    /** See {@link RecorderEvidence#onIcmpUnreachable}. */
    public boolean onIcmpUnreachable(Endpoint origSrc, Endpoint origDst, String kind, long nanos) {
        return evidence.onIcmpUnreachable(origSrc, origDst, kind, nanos);
    }

    /** See {@link RecorderEvidence#onTcpReset}. */
    public boolean onTcpReset(Endpoint src, Endpoint dst, long nanos) {
        return evidence.onTcpReset(src, dst, nanos);
    }

    /** See {@link RecorderEvidence#onTcpRetransmission}. */
    public boolean onTcpRetransmission(Endpoint src, Endpoint dst, long firstNanos, int transmissions, long nanos) {
        return evidence.onTcpRetransmission(src, dst, firstNanos, transmissions, nanos);
    }

    /** The input position of the events that follow (see {@code CallCorrelator.mark}). */
    public void mark(long position) {
        this.position = position;
    }

    /**
     * Oldest input position from which re-reading the input rebuilds every piece of state that can still shape a
     * recording: the first message of each open session and of BiB recordings a new pair could still be linked to.
     * {@code Long.MAX_VALUE} when nothing is held.
     */
    public long oldestNeeded() {
        long oldest = Long.MAX_VALUE;
        for (RecordingSession s : sessions) {
            oldest = Math.min(oldest, s.origin());
        }
        return Math.min(oldest, router.oldestLinkableOrigin(lastNanos));
    }

    /** The sensor did not capture from {@code fromNanos} to {@code toNanos}; every open session is told. */
    public void onCaptureGap(long fromNanos, long toNanos, String cause) {
        counters.increment("capture-gaps");
        for (RecordingSession s : sessions) {
            s.captureGap(fromNanos, toNanos, cause);
        }
    }

    public int openSessions() {
        return sessions.size();
    }

    public int openDialogs() {
        return dialogs.size();
    }

    /** Recordings open now (sessions with a mixer). */
    public int openRecordings() {
        return recording.size();
    }

    /** Recorder addresses whose OPTIONS keep-alives are tracked now. */
    public int trackedProbes() {
        return evidence.trackedProbes();
    }

    /** Totals, plus the counters of the mixers of recordings still open. */
    public Map<String, Long> counters() {
        Map<String, Long> snap = new TreeMap<>(counters.snapshot());
        router.metadataCounters().forEach((k, v) -> snap.merge("siprec-metadata-" + k, v, Long::sum));
        long notKept = metadataNotKept;
        for (RecordingSession s : sessions) {
            if (s.signalling() instanceof SiprecSession rs) {
                notKept += rs.documentsNotKept();
            }
        }
        snap.put("siprec-metadata-not-kept", notKept);
        for (RecordingSession s : recording) {
            s.mixer().counters().forEach((k, v) -> snap.merge("mixer-" + k, v, Long::sum));
        }
        return Collections.unmodifiableMap(snap);
    }
}
