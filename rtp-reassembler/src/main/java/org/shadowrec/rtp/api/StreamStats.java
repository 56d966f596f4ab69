package org.shadowrec.rtp.api;

import java.util.List;

/**
 * What happened on one RTP stream (one 5-tuple + SSRC).
 *
 * @param ssrc SSRC (unsigned 32-bit)
 * @param src source "ip:port" label given when the flow was opened
 * @param dst destination "ip:port" label
 * @param codec encoding name of the audio payload seen most, e.g. {@code PCMU}, or "PT-n" if unknown
 * @param decoded true when that codec was decoded into the audio
 * @param packets RTP packets accepted (duplicates excluded)
 * @param lost expected minus received (RFC 3550 A.3), never negative
 * @param duplicates packets dropped as duplicates
 * @param late packets that arrived after their audio was already written
 * @param firstSeenNanos capture time of the first packet
 * @param lastSeenNanos capture time of the last packet
 * @param dtmf RFC 4733 events seen on this stream
 */
public record StreamStats(long ssrc, String src, String dst, String codec, boolean decoded, long packets, long lost,
                          long duplicates, long late, long firstSeenNanos, long lastSeenNanos,
                          List<DtmfEvent> dtmf) {}
