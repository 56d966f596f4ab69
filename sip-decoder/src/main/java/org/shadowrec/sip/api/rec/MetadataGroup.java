package org.shadowrec.sip.api.rec;

import java.util.List;

/**
 * A communication session group (RFC 7865 §6.1 {@code <group>}).
 *
 * @param id {@code group_id}, "" if absent
 * @param associateTimes every {@code <associate-time>} as written, in order
 */
public record MetadataGroup(String id, List<String> associateTimes) {
    public MetadataGroup {
        associateTimes = List.copyOf(associateTimes);
    }
}
