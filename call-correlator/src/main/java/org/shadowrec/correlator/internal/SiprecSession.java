package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecorderHealthConfig;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.sip.api.SessionDescription;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.rec.Channel;
import org.shadowrec.sip.api.rec.ChannelOrder;
import org.shadowrec.sip.api.rec.CubeParticipants;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;
import org.shadowrec.sip.api.rec.SiprecInvite;

/**
 * A SIPREC recording session (RFC 7866): the SRC (session recording client, CALLER side) offers one audio m-line per
 * recorded stream, {@code a=sendonly}, with rs-metadata (RFC 7865) saying which participant sends the stream of
 * each {@code a=label}; the SRS (recorder, CALLEE side) answers with where it receives each stream. One channel per
 * audio m-line in SDP order: RTP sent to the SRS's port of m-line {@code i} (or from the SRC's port of m-line
 * {@code i}, or exactly from one to the other) is channel {@code i}. The party of a channel is the participant
 * sending that label; a stream sent by several participants is a mix, recorded as it is and marked {@code mixed}.
 *
 * <p>Metadata comes in the INVITE and, as complete snapshots or partial updates (RFC 7866 §8.2.2, merged by id), in
 * re-INVITEs and UPDATEs; every document is kept as received. A Cisco CUBE network-based recording has no XML: its
 * {@code X-Cisco-Recording-Participant} headers name the participant of each m-line ({@code media-index}). Every
 * dialog the session gets (failover offers of the same session id to the next SRS) is an offer in
 * {@link RecorderAttempts}.
 */
final class SiprecSession extends RecorderOffers {
    /** Channels one SIPREC session may have (m-lines beyond are not recorded): bounds a hostile SDP. */
    static final int MAX_CHANNELS = 16;

    private final String sessionId;
    private final RecordingMetadataParser parser;
    private final int maxDocuments;
    private long documentsNotKept;
    private final List<String> documents = new ArrayList<>();
    private final Map<Dialog, List<SdpMedia>> srcMedia = new IdentityHashMap<>();
    private final Map<Dialog, List<SdpMedia>> srsMedia = new IdentityHashMap<>();
    private RecordingMetadataDoc doc;
    private SessionDescription offer;
    private List<Channel> order = List.of();
    private SipMessage parsedInvite;
    private RecordingMetadataDoc parsedDoc;

    SiprecSession(RecordingSession session, String sessionId, long graceNanos, RecorderHealthConfig health,
                  int maxDocuments, RecordingMetadataParser parser) {
        super(session, graceNanos, health);
        this.maxDocuments = maxDocuments;
        this.sessionId = sessionId;
        this.parser = parser;
    }

    /**
     * The session id of an initial SIPREC INVITE: the first {@code session_id} of its metadata, else (no or unusable
     * metadata, e.g. CUBE) {@code Call-ID;From-tag}. {@code doc} is the parsed metadata or null.
     */
    static String sessionIdOf(SipMessage invite, RecordingMetadataDoc doc) {
        if (doc != null && !doc.sessions().isEmpty() && !doc.sessions().get(0).id().isEmpty()) {
            return doc.sessions().get(0).id();
        }
        String tag = invite.from() == null || invite.from().tag() == null ? "" : invite.from().tag();
        return invite.callId() + ";" + tag;
    }

    /**
     * The metadata of a message (rs-metadata part, else CUBE headers), or null; the parser counts refused
     * documents.
     */
    static RecordingMetadataDoc metadataOf(SipMessage m, RecordingMetadataParser parser) {
        SiprecInvite si = SiprecInvite.detect(m);
        if (si != null && si.metadataPart() != null) {
            return parser.parse(si.metadataPart()) instanceof MetadataResult.Parsed p ? p.doc() : null;
        }
        CubeParticipants cube = CubeParticipants.from(m);
        return cube == null ? null : cube.toMetadata();
    }

    /**
     * A dialog of this session: the first offer, or a failover offer to another recorder. {@code doc} is the
     * metadata already read from its {@code invite} (not read again when the dialog reports the INVITE).
     */
    void add(Dialog d, SipMessage invite, RecordingMetadataDoc doc) {
        parsedInvite = invite;
        parsedDoc = doc;
        offer(d);
    }

    @Override
    public void message(Dialog d, Side sender, SipMessage m, long nanos) {
        if (sender != Side.CALLER || !m.request()
                || !("INVITE".equals(m.method()) || "UPDATE".equals(m.method()))) {
            return;
        }
        RecordingMetadataDoc update = m == parsedInvite ? parsedDoc : metadataOf(m, parser);
        parsedInvite = null;
        parsedDoc = null;
        if (update == null) {
            return;
        }
        String xml = update.xml();
        if (!xml.isEmpty() && !documents.isEmpty() && documents.get(documents.size() - 1).equals(xml)) {
            return;             // a retransmission, or the same snapshot offered to the next recorder
        }
        if (documents.size() >= maxDocuments) {
            documentsNotKept++;     // the kept and merged state is bounded against a flood of updates
            return;
        }
        if (!xml.isEmpty()) {
            documents.add(xml);
        }
        doc = doc == null || !"cube".equals(update.dialect()) ? RecordingMetadataParser.merge(doc, update) : doc;
        reorder();
    }

    @Override
    public Dialog recorderDialogAt(Endpoint e) {
        Dialog found = null;
        for (Map.Entry<Dialog, List<SdpMedia>> ms : srsMedia.entrySet()) {
            for (SdpMedia m : ms.getValue()) {
                if (m != null && (e.equals(m.rtp()) || e.equals(m.rtcp())) && (found == null || !found.live())) {
                    found = ms.getKey();    // a live dialog first
                }
            }
        }
        return found;
    }

    /** Metadata documents ignored because the session kept its maximum already. */
    long documentsNotKept() {
        return documentsNotKept;
    }

    @Override
    public void sdp(Dialog d, Side sender, SessionDescription sdp, long nanos) {
        List<SdpMedia> media = SdpMedia.all(sdp);
        if (media.isEmpty()) {
            return;
        }
        session.ensureChannels(Math.min(media.size(), MAX_CHANNELS));
        if (sender == Side.CALLER) {
            offer = sdp;
            srcMedia.put(d, media);
            reorder();
        } else {
            srsMedia.put(d, media);
        }
        List<SdpMedia> src = srcMedia.get(d);
        List<SdpMedia> srs = srsMedia.get(d);
        int n = Math.min(media.size(), session.channels());
        for (int i = 0; i < n; i++) {
            SdpMedia own = media.get(i);
            if (own == null) {
                continue;
            }
            if (sender == Side.CALLER) {
                session.bind(own.rtp(), own.rtcp(), -1, i);
            } else {
                session.bind(own.rtp(), own.rtcp(), i, -1);
            }
            SdpMedia from = src == null || i >= src.size() ? null : src.get(i);
            SdpMedia to = srs == null || i >= srs.size() ? null : srs.get(i);
            if (from != null && to != null) {
                session.bindPair(from.rtp(), to.rtp(), from.rtcp(), to.rtcp(), i);
                session.formats(i, SdpMedia.preferring(to.formats(), from.formats()));
            } else {
                session.formats(i, own.formats());
            }
        }
    }

    private void reorder() {
        if (offer != null) {
            order = ChannelOrder.channels(offer, doc);
        }
    }

    @Override
    public String kind() {
        return "siprec";
    }

    private Channel channel(int c) {
        return c < order.size() ? order.get(c) : null;
    }

    @Override
    public RecordingMetadata.Party party(int c) {
        Channel ch = channel(c);
        if (ch == null || ch.participant() == null || ch.senders().size() > 1) {
            return null;
        }
        MetadataParticipant p = ch.participant();
        return new RecordingMetadata.Party(p.name(), p.aor(), p.number(), null);
    }

    @Override
    public String label(int c) {
        Channel ch = channel(c);
        return ch == null ? null : ch.label();
    }

    @Override
    public Boolean mixed(int c) {
        Channel ch = channel(c);
        return ch == null ? Boolean.FALSE : ch.mixed();
    }

    @Override
    public RecordingMetadata.Siprec siprec() {
        List<RecordingMetadata.SiprecParticipant> ps = new ArrayList<>();
        if (doc != null) {
            for (MetadataParticipant p : doc.participants()) {
                List<Integer> channels = new ArrayList<>();
                for (Channel ch : order) {
                    if (ch.index() < session.channels() && ch.senders().contains(p)) {
                        channels.add(ch.index());
                    }
                }
                ps.add(new RecordingMetadata.SiprecParticipant(p.id(), p.name(), p.aor(), List.copyOf(channels)));
            }
        }
        String metadataSessionId = doc == null || doc.sessions().isEmpty() || doc.sessions().get(0).id().isEmpty()
                ? null : doc.sessions().get(0).id();
        return new RecordingMetadata.Siprec(metadataSessionId, dialect(), List.copyOf(ps), List.copyOf(documents));
    }

    /** The metadata's dialect; {@code cube-nbr} for a Cisco CUBE network-based recording (no XML). */
    private String dialect() {
        if (doc == null) {
            return null;
        }
        return "cube".equals(doc.dialect()) ? "cube-nbr" : doc.dialect();
    }

    String sessionId() {
        return sessionId;
    }
}
