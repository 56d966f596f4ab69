package org.shadowrec.correlator.api;

import java.util.Map;
import org.shadowrec.correlator.internal.CorrelatorEngine;
import org.shadowrec.sip.api.SipMessage;

/**
 * Entry point of the correlator: SIP messages, UDP payloads that may be media, and time in; recordings out through
 * the {@link RecordingListener}. Confined to the processing thread. A pure event function: time is the capture time
 * passed in, never a clock, and the same inputs give the same outputs (ids, audio, metadata, counters). Never throws
 * because of packet content.
 *
 * <h2>Sessions</h2>
 * A dialog is keyed by Call-ID + From tag of its initial INVITE (RFC 3261 §12); the To tag is learnt from responses,
 * and responses of other forks belong to the same call. The caller (channel 0) is the sender of the INVITE, the
 * callee is channel 1. Each SDP (INVITE, 18x, 200, ACK, UPDATE, PRACK, re-INVITE from either side) says where its
 * sender receives audio: the first audio m-line with a port (RFC 3264). A UDP packet sent to such an endpoint is the
 * other party's audio; otherwise a packet sent from one is that party's audio (symmetric RTP). RTCP (port + 1 or
 * {@code a=rtcp}, RFC 3605; or muxed, RFC 5761) is counted, not recorded. Endpoints stay bound until the session
 * ends, so trailing packets after a media move are kept; a hold to {@code 0.0.0.0} binds nothing.
 *
 * <h2>Lifecycle</h2>
 * A recording opens at its first RTP packet ({@link RecordingListener#open}); final audio is written on every
 * {@link #onTick}; it completes with one of these end reasons: {@code bye} (BYE answered with 2xx) or
 * {@code bye-unanswered}, {@code cancel}, {@code failed} (final 3xx-6xx to the initial INVITE) &mdash; each after
 * {@link CorrelatorConfig#byeGrace()} of capture time, media still accepted meanwhile; when the BYE or the refusal
 * came from the recorder of a BiB or SIPREC session, also only once the media has stopped for that grace (the phone
 * or SRC may keep streaming to a recorder that gave up) &mdash; {@code rtp-timeout},
 * {@code max-duration}, or the reason given to {@link #finishAll}. A call that never had media is dropped without a
 * recording when it ends or after {@link CorrelatorConfig#signallingTimeout()} without SIP.
 *
 * <h2>Recording kinds</h2>
 * {@code sip} as above; {@code bib}: the two INVITEs of a Cisco Built-in-Bridge pair (From URI {@code x-nearend} /
 * {@code x-farend}, same cluster id + {@code x-refci} + {@code x-farendrefci}) are one recording, near end on
 * channel 0, far end on channel 1, streams told apart by their exact (source, destination) pair; {@code siprec}
 * (RFC 7866): one channel per audio m-line of the SRC's offer, parties from the RFC 7865 metadata (any dialect,
 * partial updates merged) or Cisco CUBE's {@code X-Cisco-Recording-Participant}. A BiB or SIPREC session offered
 * again to the next recorder (failover: same pair / session id, or same Call-ID to another address) stays one
 * recording that lists every recorder. See {@code docs/correlator.md}.
 *
 * <h2>Recording id</h2>
 * {@code <yyyyMMdd'T'HHmmss'Z'>-<h>}: the capture time of the initial INVITE in UTC, and the first 16 lower-case hex
 * digits of SHA-256 (UTF-8) of {@code "sip|" + Call-ID + "|" + From tag}, {@code "bib|" + cluster id + "|" + x-refci
 * + "|" + x-farendrefci}, or {@code "siprec|" + session_id} ({@code "siprec|" + Call-ID + ";" + From tag} without
 * metadata). Derived, never random: two sensors, a replay and a restart give the same id; only {@code [0-9a-fTZ-]}
 * occur, so it is a safe file name by construction.
 *
 * <h2>Counters</h2>
 * {@code sip-requests}, {@code sip-responses}, {@code sip-no-dialog}, {@code sip-no-call-id}, {@code calls},
 * {@code dialogs-joined} (a BiB leg or a failover offer that joined an existing session),
 * {@code siprec-metadata-<key>} (the rs-metadata reader's {@code documents}, {@code parsed}, {@code failed},
 * {@code failed-<reason>}, {@code dialect-<dialect>}),
 * {@code dialogs-refused}, {@code recordings-opened}, {@code recordings-completed}, {@code end-<reason>}, {@code calls-without-media},
 * {@code signalling-timeout}, {@code udp-unmatched}, {@code rtcp}, {@code rtp-invalid}, {@code recording-open-failed},
 * {@code recording-write-failed}, {@code flows-refused}, {@code bindings-refused} (per-session bounds against
 * floods), {@code recordings-refused}, {@code rtp-refused} ({@link CorrelatorConfig#maxOpenRecordings()}),
 * {@code offers-refused} ({@link CorrelatorConfig#maxOffersPerSession()}), {@code siprec-metadata-not-kept}
 * ({@link CorrelatorConfig#maxMetadataDocuments()}), {@code icmp-ignored}, {@code icmp-stale-media} (ICMP for a media port the recorder left after a move: not
 * evidence), {@code icmp-rtcp} (ICMP for a recorder's RTCP port, which many never open: not evidence),
 * {@code icmp-after-end} (ICMP for a recorder whose dialog already ended: not evidence),
 * {@code recorder-options-unanswered},
 * {@code recorder-tcp-reset}, {@code recorder-tcp-unacknowledged} (recorder health evidence), and the counters of every mixer summed as {@code mixer-<key>} (e.g. {@code mixer-rtp},
 * {@code mixer-duplicate}; finished recordings' totals plus the open ones').
 */
public final class CallCorrelator {
    private final CorrelatorEngine engine;

    public CallCorrelator(CorrelatorConfig config, RecordingListener listener) {
        if (config == null || listener == null) {
            throw new IllegalArgumentException("config and listener are required");
        }
        this.engine = new CorrelatorEngine(config, listener);
    }

    /** A decoded SIP message seen from {@code src} to {@code dst} at capture time {@code nanos}. */
    public void onSip(SipMessage message, Endpoint src, Endpoint dst, Transport transport, long nanos) {
        engine.onSip(message, src, dst, nanos);
    }

    /**
     * A UDP payload that is not SIP. Returns true when it belongs to a known media flow (it was then consumed as
     * RTP, or counted as RTCP), false when no session expects it (counted {@code udp-unmatched}).
     */
    public boolean onUdp(Endpoint src, Endpoint dst, long nanos, byte[] buf, int off, int len) {
        return engine.onUdp(src, dst, nanos, buf, off, len);
    }

    /**
     * An ICMP port unreachable (ICMPv4 type 3 code 3, ICMPv6 type 1 code 4) seen at {@code nanos}, quoting a UDP
     * datagram from {@code origSrc} to {@code origDst}; as {@link #onIcmpUnreachable(Endpoint, Endpoint, String,
     * long)} with kind {@code port-unreachable}.
     */
    public boolean onIcmpUnreachable(Endpoint origSrc, Endpoint origDst, long nanos) {
        return onIcmpUnreachable(origSrc, origDst, "port-unreachable", nanos);
    }

    /**
     * An ICMP destination unreachable seen at {@code nanos}, quoting a UDP datagram from {@code origSrc} to
     * {@code origDst} (RFC 792, RFC 4443 §3.1). {@code kind} {@code port-unreachable} or {@code host-unreachable}
     * (ICMPv6 address unreachable) is evidence that a recorder of a BiB or SIPREC session is gone: an offer sent to
     * its SIP address, or RTP sent to a media port it announced (a recorder that died mid-call while the phone or SRC
     * keeps sending). Confirmed by a run of them ({@link RecorderHealthConfig}), it shows in {@code primaryRecorder}
     * ({@code failed}, evidence {@code icmp-port-unreachable} / {@code icmp-host-unreachable}); every one counts per
     * recorder ({@code icmpUnreachable}). Other kinds are counted {@code icmp-ignored}. Returns true when matched
     * (counted {@code icmp-unreachable}, {@code icmp-unmatched}).
     */
    public boolean onIcmpUnreachable(Endpoint origSrc, Endpoint origDst, String kind, long nanos) {
        if (origDst == null || kind == null) {
            return false;
        }
        return engine.onIcmpUnreachable(origSrc, origDst, kind, nanos);
    }

    /**
     * A TCP connection between {@code src} and {@code dst} was reset: {@code src} sent the RST (RFC 9293 §3.5.2).
     * When either end is the SIP address of a recorder whose dialog with the other end's host is live, it is evidence
     * {@code tcp-reset} against it, cleared when the recorder sends SIP again within the answer window. Returns true
     * when matched (counted {@code recorder-tcp-reset}).
     */
    public boolean onTcpReset(Endpoint src, Endpoint dst, long nanos) {
        if (src == null || dst == null) {
            return false;
        }
        return engine.onTcpReset(src, dst, nanos);
    }

    /**
     * A TCP segment from {@code src} to {@code dst} was seen again at {@code nanos} without the acknowledgement from
     * {@code dst} having advanced past it: {@code transmissions} so far (copies closer than 250 ms are one), the
     * first at {@code firstNanos} (RFC 6298 §5 retransmission). When {@code dst} is a recorder's SIP address and the
     * count and span reach {@link RecorderHealthConfig#tcpTransmissions()} and
     * {@link RecorderHealthConfig#tcpSpan()}, it is evidence {@code tcp-unacknowledged} from the first transmission.
     * Returns true when matched (counted {@code recorder-tcp-unacknowledged}).
     */
    public boolean onTcpRetransmission(Endpoint src, Endpoint dst, long firstNanos, int transmissions, long nanos) {
        if (src == null || dst == null) {
            return false;
        }
        return engine.onTcpRetransmission(src, dst, firstNanos, transmissions, nanos);
    }

    /** Capture time advanced to {@code nanos}: flush final audio, apply timeouts. Call at least once a second. */
    public void onTick(long nanos) {
        engine.onTick(nanos);
    }

    /**
     * The sensor stops (a planned stop) at {@code nanos}: completes every session whose signalling already ended
     * (BYE, CANCEL, final failure) without waiting for the rest of its grace (no tick: open sessions' audio is not
     * advanced, so a run with stops records what one without records); sessions still
     * up stay open, to be continued when processing resumes, their audio so far flushed to the sink.
     */
    public void completeEnded(long nanos) {
        engine.completeEnded(nanos);
    }

    /** Flushes the sink of every open recording (a stop): the audio written so far becomes playable. */
    public void flushOpen() {
        engine.flushOpen();
    }

    /** End of input: completes every open recording with the given end reason (e.g. {@code shutdown}). */
    public void finishAll(long nanos, String endReason) {
        engine.finishAll(nanos, endReason);
    }

    /**
     * The position in the input (e.g. the packet journal index) of the events that follow. Sessions remember the
     * position of their first message, so that {@link #oldestNeeded()} can say where to re-read the input from to
     * rebuild them after a restart. Positions must not decrease.
     */
    public void mark(long position) {
        engine.mark(position);
    }

    /**
     * Oldest input position (as given to {@link #mark}) that still holds the first message of a session this
     * correlator holds, or of a Cisco BiB recording a new pair could still be linked to as {@code related};
     * {@code Long.MAX_VALUE} when none. Re-reading the input from there into a new correlator rebuilds the same
     * recordings (those already completed come out again, with the same ids).
     */
    public long oldestNeeded() {
        return engine.oldestNeeded();
    }

    /**
     * The sensor itself was not capturing from {@code fromNanos} to {@code toNanos} (stopped, or crashed, then
     * restarted). Every open session lists the gap with its {@code cause} ({@code sensor-stopped},
     * {@code sensor-crashed}) in its metadata ({@code gaps}); the audio holds silence there (media is placed on the
     * call's wall clock); the RTP timeout counts from {@code toNanos}. Counted as {@code capture-gaps}.
     */
    public void onCaptureGap(long fromNanos, long toNanos, String cause) {
        if (toNanos > fromNanos && cause != null) {
            engine.onCaptureGap(fromNanos, toNanos, cause);
        }
    }

    /** Number of sessions (calls, with or without a recording yet) held now. */
    public int openSessions() {
        return engine.openSessions();
    }

    /** Number of dialogs held now (at most {@link CorrelatorConfig#maxOpenDialogs()}). */
    public int openDialogs() {
        return engine.openDialogs();
    }

    /** Number of recordings open now (at most {@link CorrelatorConfig#maxOpenRecordings()}). */
    public int openRecordings() {
        return engine.openRecordings();
    }

    /** Counters by stable key, sorted by key; see the class comment for the keys. */
    public Map<String, Long> counters() {
        return engine.counters();
    }
}
