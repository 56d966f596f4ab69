package org.shadowrec.correlator.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.rec.CubeParticipants;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;
import org.shadowrec.sip.api.rec.SiprecInvite;

/**
 * The one place where a new INVITE becomes a recording session, or joins one, and its kind is decided:
 * <ul>
 * <li>{@code bib}: From URI parameters {@code x-nearend} or {@code x-farend} with {@code x-refci} (Cisco
 * Built-in-Bridge). The two INVITEs of a pair, and a failover offer of either to another recorder, share
 * cluster id + {@code x-refci} + {@code x-farendrefci}: the second joins the first one's session.</li>
 * <li>{@code siprec}: {@code Require: siprec}, a Contact with {@code +sip.src}, or an
 * {@code application/rs-metadata+xml} body part (RFC 7866 §6.1.1, §9); or a Cisco CUBE network-based recording
 * INVITE ({@code X-Cisco-Recording-Participant}). {@code Supported: siprec} alone is not enough: a user agent may
 * support SIPREC on its ordinary calls. An offer with the session id of a live session (failover to the next SRS)
 * joins it.</li>
 * <li>{@code sip}: everything else, one session per INVITE dialog.</li>
 * </ul>
 */
final class SessionRouter {

    enum Kind { SIP, BIB, SIPREC }

    /** The session an INVITE started or joined. */
    record Routed(RecordingSession session, Dialog dialog, boolean joined) {}

    private final CorrelatorConfig config;
    private final FlowTable table;
    private final Map<List<String>, RecordingSession> bibPairs = new HashMap<>();
    private final Map<String, RecordingSession> siprecSessions = new HashMap<>();
    private final CallChains chains = new CallChains();
    /** Sessions by the SIP address of a recorder they were offered to (ICMP for a datagram sent there). */
    private final Map<Endpoint, List<RecordingSession>> byRecorder = new HashMap<>();
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    SessionRouter(CorrelatorConfig config, FlowTable table) {
        this.config = config;
        this.table = table;
    }

    /** The metadata parser's counters (documents, parsed, failed-reason, dialect-...). */
    Map<String, Long> metadataCounters() {
        return parser.counters();
    }

    Kind classify(SipMessage invite) {
        if (BibParams.of(invite) != null) {
            return Kind.BIB;
        }
        return isSiprec(invite) ? Kind.SIPREC : Kind.SIP;
    }

    static boolean isSiprec(SipMessage invite) {
        SiprecInvite si = SiprecInvite.detect(invite);
        if (si != null && (si.requireSiprec() || si.srcContact() || si.metadataPart() != null)) {
            return true;
        }
        return CubeParticipants.from(invite) != null;
    }

    /**
     * The session of an initial INVITE (no To tag, unknown dialog), new or joined, with its dialog wired; null when
     * the session it would join holds {@link CorrelatorConfig#maxOffersPerSession()} dialogs already.
     */
    Routed open(SipMessage invite, Endpoint src, Endpoint dst, long nanos) {
        return switch (classify(invite)) {
            case BIB -> bib(invite, BibParams.of(invite), src, dst, nanos);
            case SIPREC -> siprec(invite, src, dst, nanos);
            case SIP -> {
                Dialog dialog = new Dialog(invite, src, dst, nanos);
                yield new Routed(plainSip(dialog, nanos), dialog, false);
            }
        };
    }

    private RecordingSession plainSip(Dialog dialog, long nanos) {
        String id = RecordingIds.sip(nanos, dialog.callId(), dialog.fromTag());
        RecordingSession session = new RecordingSession(id, 2, config.mixer(), table, nanos);
        PlainSipCall call = new PlainSipCall(dialog, session, config.byeGrace().toNanos());
        dialog.observer(call);
        session.signalling(call);
        return session;
    }

    private Routed bib(SipMessage invite, BibParams p, Endpoint src, Endpoint dst, long nanos) {
        Dialog dialog = new Dialog(invite, src, dst, nanos);
        RecordingSession session = bibPairs.get(p.pairKey());
        if (session != null && session.state() != RecordingSession.State.DONE) {
            if (session.signalling().dialogs().size() >= config.maxOffersPerSession()) {
                return null;
            }
            ((BibPair) session.signalling()).add(dialog, p);
            offered(dst, session);
            return new Routed(session, dialog, true);
        }
        String id = RecordingIds.derive(nanos, "bib|" + p.clusterId() + "|" + p.refci() + "|" + p.farendRefci());
        session = new RecordingSession(id, 2, config.mixer(), table, nanos);
        List<RecordingSession> earlier = chains.earlier(p.nearDeviceKey(), p.farendRefci(), nanos);
        BibPair pair = new BibPair(session, p, config.byeGrace().toNanos(), config.health(), earlier);
        session.signalling(pair);
        pair.add(dialog, p);
        bibPairs.put(p.pairKey(), session);
        chains.add(p.nearDeviceKey(), session, p.farendRefci(), !earlier.isEmpty());
        offered(dst, session);
        return new Routed(session, dialog, false);
    }

    private Routed siprec(SipMessage invite, Endpoint src, Endpoint dst, long nanos) {
        Dialog dialog = new Dialog(invite, src, dst, nanos);
        RecordingMetadataDoc doc = SiprecSession.metadataOf(invite, parser);
        String sessionId = SiprecSession.sessionIdOf(invite, doc);
        RecordingSession session = siprecSessions.get(sessionId);
        if (session != null && session.state() != RecordingSession.State.DONE) {
            if (session.signalling().dialogs().size() >= config.maxOffersPerSession()) {
                return null;
            }
            ((SiprecSession) session.signalling()).add(dialog, invite, doc);
            offered(dst, session);
            return new Routed(session, dialog, true);
        }
        int channels = Math.max(1, Math.min(SdpMedia.audioCount(invite.sdp()), SiprecSession.MAX_CHANNELS));
        session = new RecordingSession(RecordingIds.derive(nanos, "siprec|" + sessionId), channels, config.mixer(),
                table, nanos);
        SiprecSession rs = new SiprecSession(session, sessionId, config.byeGrace().toNanos(), config.health(),
                config.maxMetadataDocuments(), parser);
        session.signalling(rs);
        rs.add(dialog, invite, doc);
        siprecSessions.put(sessionId, session);
        offered(dst, session);
        return new Routed(session, dialog, false);
    }

    /** Live sessions offered to the recorder at {@code sip}, empty when none. */
    List<RecordingSession> offeredTo(Endpoint sip) {
        List<RecordingSession> l = byRecorder.get(sip);
        return l == null ? List.of() : l;
    }

    private void offered(Endpoint recorder, RecordingSession s) {
        if (recorder == null) {
            return;
        }
        List<RecordingSession> l = byRecorder.computeIfAbsent(recorder, k -> new java.util.ArrayList<>(2));
        if (!l.contains(s)) {
            l.add(s);
        }
    }

    /** The session ended: it can no longer be joined. */
    void released(RecordingSession s) {
        for (Dialog d : s.signalling().dialogs()) {
            List<RecordingSession> l = d.calleeAddress() == null ? null : byRecorder.get(d.calleeAddress());
            if (l != null && l.remove(s) && l.isEmpty()) {
                byRecorder.remove(d.calleeAddress());
            }
        }
        if (s.signalling() instanceof BibPair pair) {
            bibPairs.remove(pair.params().pairKey(), s);
        } else if (s.signalling() instanceof SiprecSession rs) {
            siprecSessions.remove(rs.sessionId(), s);
        }
    }

    /** See {@link CallChains#oldestLinkableOrigin}. */
    long oldestLinkableOrigin(long nanos) {
        return chains.oldestLinkableOrigin(nanos);
    }
}
