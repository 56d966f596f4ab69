package org.shadowrec.testpcaps.gen;

import java.util.List;

/**
 * What the generator put into one call: the facts a correct recorder must reproduce.
 *
 * @param callId       Call-ID
 * @param fromTag      caller's From tag
 * @param toTag        callee's To tag
 * @param sipTransport UDP or TCP
 * @param inviteNanos  capture time of the INVITE's first packet
 * @param byeNanos     capture time of the BYE
 * @param audioSeconds nominal RTP span per direction: packets sent × 20 ms
 * @param channels     channel 0 = caller, channel 1 = callee
 * @param dtmf         RFC 4733 digits (caller stream)
 */
public record CallFacts(String callId, String fromTag, String toTag, SipTransport sipTransport, long inviteNanos,
                        long byeNanos, double audioSeconds, List<Channel> channels, List<Digit> dtmf) {

    /**
     * One party and the RTP it sends.
     *
     * @param index  WAV channel
     * @param toneHz frequency of the tone this party sends
     * @param name   display name
     * @param number user part of the AOR
     * @param aor    address of record
     * @param stream the party's one RTP stream
     */
    public record Channel(int index, int toneHz, String name, String number, String aor, Stream stream) {
    }

    /**
     * One RTP stream as a receiver sees it (RFC 3550 §6.4.1 counting).
     *
     * @param ssrc        SSRC
     * @param src         "ip:port" of the sender
     * @param dst         "ip:port" of the receiver
     * @param codec       audio codec
     * @param packets     distinct packets captured (sent − dropped; duplicates not counted)
     * @param lost        packets dropped
     * @param duplicates  extra copies captured
     * @param reordered   adjacent pairs swapped on the wire
     * @param firstNanos  capture time of the first packet
     * @param lastNanos   capture time of the last packet
     * @param firstSeq    sequence number of packet 0
     * @param firstTimestamp RTP timestamp of packet 0
     */
    public record Stream(long ssrc, String src, String dst, Codec codec, int packets, int lost, int duplicates,
                        int reordered, long firstNanos, long lastNanos, int firstSeq, long firstTimestamp) {
    }

    /**
     * One RFC 4733 event.
     *
     * @param channel        channel whose stream carries it
     * @param digit          the digit
     * @param event          RFC 4733 event code
     * @param offsetSeconds  event start relative to the stream's first packet (nominal)
     * @param durationMs     event duration (duration field / 8)
     * @param rtpTimestamp   RTP timestamp of the event packets
     */
    public record Digit(int channel, String digit, int event, double offsetSeconds, int durationMs,
                        long rtpTimestamp) {
    }
}
