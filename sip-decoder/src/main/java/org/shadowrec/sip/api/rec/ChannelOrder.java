package org.shadowrec.sip.api.rec;

import java.util.ArrayList;
import java.util.List;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.SessionDescription;

/**
 * The channel list of a recording: which participant speaks on which channel. An SDP m-line is tied to a metadata
 * stream by its {@code a=label} (RFC 4574; RFC 7866 §8.1.1), and a stream to its participants by
 * {@code send} (RFC 7865 §6.4.1).
 */
public final class ChannelOrder {
    private ChannelOrder() {}

    /**
     * One channel per audio m-line in SDP order. The stream is the first metadata stream whose label equals the
     * m-line's label; without such a stream, the stream whose id equals the label (some SRCs reuse it); for a CUBE
     * document ({@link CubeParticipants#toMetadata}) the stream labelled by the m-line index. Streams in the metadata
     * without an m-line are ignored. A disabled m-line (port 0) keeps its channel, so numbering stays stable across
     * re-INVITEs (RFC 3264 §8: m-lines are never removed). Never throws; a null SDP gives an empty list, null
     * metadata channels without participants.
     */
    public static List<Channel> channels(SessionDescription sdp, RecordingMetadataDoc metadata) {
        List<Channel> out = new ArrayList<>();
        if (sdp == null || sdp.media() == null) {
            return out;
        }
        List<MediaDescription> media = sdp.media();
        for (int m = 0; m < media.size(); m++) {
            MediaDescription md = media.get(m);
            if (!"audio".equalsIgnoreCase(md.media())) {
                continue;
            }
            String label = md.label();
            MetadataStream stream = metadata == null ? null : find(metadata, label, m);
            List<MetadataParticipant> senders = new ArrayList<>();
            if (stream != null && !stream.id().isEmpty()) {
                for (MetadataParticipant p : metadata.participants()) {
                    if (p.sends().contains(stream.id())) {
                        senders.add(p);
                    }
                }
            }
            boolean mixed = senders.size() > 1 || stream != null && stream.mixed();
            out.add(new Channel(out.size(), m, label, stream, senders.isEmpty() ? null : senders.get(0), senders,
                    mixed));
        }
        return out;
    }

    private static MetadataStream find(RecordingMetadataDoc doc, String label, int mLineIndex) {
        String key = label != null ? label : "cube".equals(doc.dialect()) ? Integer.toString(mLineIndex) : null;
        if (key == null) {
            return null;
        }
        for (MetadataStream s : doc.streams()) {
            if (key.equals(s.label())) {
                return s;
            }
        }
        for (MetadataStream s : doc.streams()) {
            if (s.label() == null && key.equals(s.id())) {
                return s;
            }
        }
        return null;
    }
}
