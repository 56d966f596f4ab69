package org.shadowrec.sip.api.rec;

import java.util.List;

/**
 * Recording metadata (RFC 7865) normalised from any supported dialect.
 *
 * <table>
 * <caption>Dialects</caption>
 * <tr><th>dialect</th><th>recognised by</th><th>shape</th></tr>
 * <tr><td>rfc7865</td><td>namespace {@code urn:ietf:params:xml:ns:recording:1}</td><td>RFC 7865 §6:
 *   {@code participantstreamassoc} with send/recv, {@code nameID aor=}</td></tr>
 * <tr><td>acme</td><td>namespace {@code urn:ietf:params:xml:ns:recording} (no version)</td><td>Oracle/Acme Packet
 *   SBC, draft-ietf-siprec-metadata: {@code <send>} nested in the participant, vendor extensiondata</td></tr>
 * <tr><td>audiocodes</td><td>an AudioCodes namespace or prefix {@code ac:} in a recording:1 document</td><td>send
 *   and recv inline in the participant</td></tr>
 * <tr><td>broadworks</td><td>namespace containing {@code siprec}, root {@code recording_metadata}, or a BroadSoft
 *   extension namespace</td><td>BroadWorks / Webex Calling: {@code <send><id>..</id></send>}, extensiondata with
 *   call ids and numbers</td></tr>
 * <tr><td>cube</td><td>built by {@link CubeParticipants#toMetadata}</td><td>no XML: X-Cisco-Recording-Participant
 *   headers</td></tr>
 * </table>
 *
 * @param dialect see the table
 * @param dataMode {@code complete} or {@code partial} (RFC 7865 §6, element {@code dataMode} or {@code datamode};
 *                 {@code complete} when absent)
 * @param sessions sessions in document order
 * @param groups groups in document order
 * @param participants participants in document order (any number)
 * @param streams streams in document order (may be more than the SDP m-lines)
 * @param extensions top-level and session-level extension data, each a raw XML fragment
 * @param xml the original document text ("" when not built from XML)
 */
public record RecordingMetadataDoc(String dialect, String dataMode, List<MetadataSession> sessions,
                                   List<MetadataGroup> groups, List<MetadataParticipant> participants,
                                   List<MetadataStream> streams, List<String> extensions, String xml) {
    public RecordingMetadataDoc {
        sessions = List.copyOf(sessions);
        groups = List.copyOf(groups);
        participants = List.copyOf(participants);
        streams = List.copyOf(streams);
        extensions = List.copyOf(extensions);
    }

    /** True for a partial update (RFC 7866 §8.2.2): to be merged into the last complete document. */
    public boolean partial() {
        return "partial".equals(dataMode);
    }

    /** The participant with this id, or null (first match; "" matches nothing). */
    public MetadataParticipant participant(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        for (MetadataParticipant p : participants) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** The stream with this id, or null (first match; "" matches nothing). */
    public MetadataStream stream(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        for (MetadataStream s : streams) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
