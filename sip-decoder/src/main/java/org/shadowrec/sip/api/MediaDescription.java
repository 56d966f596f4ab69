package org.shadowrec.sip.api;

import java.util.List;
import java.util.Map;

/**
 * One SDP m-line with the attributes that matter for recording (RFC 4566 §5.14).
 *
 * @param media media type, e.g. {@code audio}
 * @param port transport port (0 = stream rejected or disabled)
 * @param proto e.g. {@code RTP/AVP}
 * @param payloadTypes formats in m-line order
 * @param connectionAddress effective address: media-level {@code c=} if present, else session-level; null if none
 * @param direction effective direction: media-level attribute, else session-level, else SENDRECV
 * @param rtpMaps rtpmap by payload type, including defaults for static payload types listed on the m-line
 * @param label {@code a=label} (RFC 4574), or null
 * @param ptime {@code a=ptime} in ms, or 0
 * @param rtcpPort {@code a=rtcp} port (RFC 3605), or 0
 */
public record MediaDescription(String media, int port, String proto, List<Integer> payloadTypes,
                               String connectionAddress, Direction direction, Map<Integer, RtpMap> rtpMaps,
                               String label, int ptime, int rtcpPort) {}
