package org.shadowrec.sip.api.rec;

import java.util.List;

/**
 * A recorded communication session (RFC 7865 §6.2 {@code <session>}). Times are kept as written (RFC 3339 in RFC
 * 7865; without zone in several SBCs), never reinterpreted.
 *
 * @param id {@code session_id} (base64 UUID in RFC 7865; any string in drafts), "" if absent
 * @param sipSessionIds {@code <sipSessionID>} values (RFC 7989 Session-ID), in order
 * @param startTime {@code <start-time>} or the {@code sessionrecordingassoc} associate-time, as written, or null
 * @param stopTime {@code <stop-time>} or the {@code sessionrecordingassoc} disassociate-time, as written, or null
 * @param groupRef {@code <group-ref>} (id of the {@link MetadataGroup}), or null
 */
public record MetadataSession(String id, List<String> sipSessionIds, String startTime, String stopTime,
                              String groupRef) {
    public MetadataSession {
        sipSessionIds = List.copyOf(sipSessionIds);
    }
}
