package org.shadowrec.sip.api;

/** One {@code a=rtpmap} entry, or a static payload type's default (RFC 3551 table 4). */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {}
