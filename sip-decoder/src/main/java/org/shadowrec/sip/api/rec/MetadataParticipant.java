package org.shadowrec.sip.api.rec;

import java.util.List;

/**
 * A participant of the recorded session (RFC 7865 §6.4 {@code <participant>} with its {@code participantsessionassoc}
 * and {@code participantstreamassoc}, or the draft and vendor forms with {@code <send>}/{@code <recv>} inline).
 *
 * @param id {@code participant_id}, "" if absent
 * @param name display name ({@code <nameID><name>} or {@code <name>}), or null
 * @param aor address of record ({@code <nameID aor=..>} or {@code <aor>}), or null
 * @param number the user part of a sip/sips AOR or the number of a tel AOR, %-unescaped; or null
 * @param sends ids of the streams this participant sends, in order, without duplicates
 * @param receives ids of the streams this participant receives, in order, without duplicates
 * @param associateTime associate-time as written, or null
 * @param disassociateTime disassociate-time as written, or null (set: the participant has left)
 * @param extensions vendor extension data of this participant, each a raw XML fragment
 */
public record MetadataParticipant(String id, String name, String aor, String number, List<String> sends,
                                  List<String> receives, String associateTime, String disassociateTime,
                                  List<String> extensions) {
    public MetadataParticipant {
        sends = List.copyOf(sends);
        receives = List.copyOf(receives);
        extensions = List.copyOf(extensions);
    }
}
