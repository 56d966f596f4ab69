package org.shadowrec.sip.api;

import java.util.List;

/**
 * A parsed SDP body (RFC 4566).
 *
 * @param origin the o= line value, or null
 * @param connectionAddress the session-level c= address, or null
 * @param media every m-line, in order
 */
public record SessionDescription(String origin, String connectionAddress, List<MediaDescription> media) {}
