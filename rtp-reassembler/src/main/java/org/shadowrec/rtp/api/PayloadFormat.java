package org.shadowrec.rtp.api;

/**
 * What an RTP payload type means on one stream (from SDP rtpmap, or the RFC 3551 static table).
 *
 * @param payloadType 0..127
 * @param encoding encoding name upper-case as in SDP, e.g. {@code PCMU}, {@code TELEPHONE-EVENT}
 * @param clockRate RTP clock rate in Hz
 */
public record PayloadFormat(int payloadType, String encoding, int clockRate) {}
