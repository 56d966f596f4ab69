package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecorderHealthConfig;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.SessionDescription;

/**
 * A Cisco Built-in-Bridge recording: CUCM asks the phone's built-in bridge to fork both voices and sends the
 * recorder two INVITEs, each its own dialog and one stream: the near end's voice ({@code x-nearend}, channel 0) and
 * the far end's ({@code x-farend}, channel 1). Usually a delayed offer: the INVITE has no SDP, the recorder offers in
 * its 200 and CUCM answers in the ACK with {@code a=sendonly} and the <em>phone's</em> address, and RTP flows from
 * the phone to the recorder.
 *
 * <p>Media: the recorder's SDP (CALLEE side) says where the leg's stream is received, the phone's SDP (CALLER side)
 * where it comes from. Both legs may come from the same phone to the same recorder address and port; only the source
 * port tells them apart, so when both are known the exact (phone, recorder) pair is bound to the leg's channel
 * before the single endpoints. Every dialog the session gets (both legs, and failover offers of either leg to the
 * next recorder with the same {@code x-refci}) is an offer in {@link RecorderAttempts}.
 */
final class BibPair extends RecorderOffers {
    private final BibParams params;
    private final List<RecordingSession> earlier;
    private final Map<Dialog, Integer> channelOf = new IdentityHashMap<>();
    private final Map<Dialog, SdpMedia> phoneMedia = new IdentityHashMap<>();
    private final Map<Dialog, SdpMedia> recorderMedia = new IdentityHashMap<>();

    /**
     * @param earlier sessions of the same call chain started before this one (listed in {@code related} when they
     *                made a recording)
     */
    BibPair(RecordingSession session, BibParams params, long graceNanos, RecorderHealthConfig health,
            List<RecordingSession> earlier) {
        super(session, graceNanos, health);
        this.params = params;
        this.earlier = List.copyOf(earlier);
    }

    static int channelOf(BibParams p) {
        return p.nearEnd() ? 0 : 1;
    }

    /** A dialog of this pair: one of its two legs, or a failover offer of a leg to another recorder. */
    void add(Dialog d, BibParams p) {
        channelOf.put(d, channelOf(p));
        offer(d);
    }

    @Override
    public void sdp(Dialog d, Side sender, SessionDescription sdp, long nanos) {
        SdpMedia media = SdpMedia.of(sdp);
        Integer channel = channelOf.get(d);
        if (media == null || channel == null) {
            return;
        }
        int c = channel;
        if (sender == Side.CALLEE) {
            recorderMedia.put(d, media);
            session.bind(media.rtp(), media.rtcp(), c, -1);
        } else {
            phoneMedia.put(d, media);
            session.bind(media.rtp(), media.rtcp(), -1, c);
        }
        SdpMedia phone = phoneMedia.get(d);
        SdpMedia recorder = recorderMedia.get(d);
        if (phone != null && recorder != null) {
            session.bindPair(phone.rtp(), recorder.rtp(), phone.rtcp(), recorder.rtcp(), c);
            session.formats(c, SdpMedia.preferring(recorder.formats(), phone.formats()));
        } else {
            session.formats(c, media.formats());
        }
    }

    @Override
    public Dialog recorderDialogAt(Endpoint e) {
        Dialog found = null;
        for (Map.Entry<Dialog, SdpMedia> m : recorderMedia.entrySet()) {
            if ((e.equals(m.getValue().rtp()) || e.equals(m.getValue().rtcp())) && (found == null || !found.live())) {
                found = m.getKey();     // both legs may share one recorder port: a live one first
            }
        }
        return found;
    }

    @Override
    public String kind() {
        return "bib";
    }

    @Override
    public RecordingMetadata.Party party(int channel) {
        return channel == 0 ? new RecordingMetadata.Party(null, nearAor(), params.nearAddr(), params.nearDevice())
                : new RecordingMetadata.Party(null, null, params.farAddr(), params.farDevice());
    }

    /**
     * The near end's address of record: CUCM puts the near end's number in the From URI of the legs; taken when its
     * user part is {@code x-nearendaddr} (the far end has no URI of its own in the legs).
     */
    private String nearAor() {
        NameAddr from = attempts.dialogs().get(0).caller();
        if (from == null || from.user() == null || !from.user().equals(params.nearAddr())) {
            return null;
        }
        return Parties.aor(from, from.user());
    }

    @Override
    public RecordingMetadata.Bib bib() {
        return params.metadata();
    }

    @Override
    public List<String> related() {
        List<String> ids = new ArrayList<>();
        for (RecordingSession s : earlier) {
            if (s.mixer() != null) {
                ids.add(s.id());
            }
        }
        return ids.isEmpty() ? null : List.copyOf(ids);
    }

    BibParams params() {
        return params;
    }
}
