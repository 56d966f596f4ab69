package org.shadowrec.rtp.internal;

import org.shadowrec.rtp.api.StreamStats;

/**
 * State of one RTP stream: one flow (5-tuple) and one SSRC. Owns its sequence tracking, placement clock, DTMF
 * events and statistics; everything is allocated when the stream is created.
 */
public final class RtpStream {

    private static final int TYPES = 128;
    private static final int DEFAULT_PTIME_DIVISOR = 50; // 20 ms, RFC 3551 §4.2 default packetization

    private final long ssrc;
    private final String src;
    private final String dst;
    private final ExtendedSeqTracker seq = new ExtendedSeqTracker();
    private final StreamClock clock = new StreamClock();
    private final TelephoneEventTracker dtmf = new TelephoneEventTracker();
    // Packets per payload type: the first two types seen in fields (a stream rarely carries more than audio and
    // telephone-event), any further type in a table allocated when it first appears.
    private int typeA = -1;
    private long countA;
    private int typeB = -1;
    private long countB;
    private long[] otherTypes;
    private final PayloadTable payloads;
    private final long firstSeenNanos;
    private long lastSeenNanos;
    private long duplicates;
    private long late;
    private long spanTicks;
    private long lastAudioExt = Long.MIN_VALUE;
    private long lastAudioTs;

    public RtpStream(long ssrc, String src, String dst, PayloadTable payloads, long firstSeenNanos) {
        this.ssrc = ssrc;
        this.src = src;
        this.dst = dst;
        this.payloads = payloads;
        this.firstSeenNanos = firstSeenNanos;
        this.lastSeenNanos = firstSeenNanos;
    }

    public long ssrc() {
        return ssrc;
    }

    public void seen(long captureNanos) {
        if (captureNanos > lastSeenNanos) {
            lastSeenNanos = captureNanos;
        }
    }

    public ExtendedSeqTracker sequence() {
        return seq;
    }

    public StreamClock clock() {
        return clock;
    }

    public TelephoneEventTracker dtmf() {
        return dtmf;
    }

    public void countType(int pt) {
        if (pt == typeA) {
            countA++;
        } else if (pt == typeB) {
            countB++;
        } else {
            countRareType(pt);
        }
    }

    private void countRareType(int pt) {
        if (typeA < 0) {
            typeA = pt;
            countA = 1;
        } else if (typeB < 0) {
            typeB = pt;
            countB = 1;
        } else {
            if (otherTypes == null) {
                otherTypes = new long[TYPES];
            }
            otherTypes[pt]++;
        }
    }

    private long packets(int pt) {
        long n = otherTypes == null ? 0 : otherTypes[pt];
        if (pt == typeA) {
            n += countA;
        }
        if (pt == typeB) {
            n += countB;
        }
        return n;
    }

    public void duplicate() {
        duplicates++;
    }

    public void late() {
        late++;
    }

    /**
     * Duration of an audio packet whose size says nothing about it (an undecoded codec), in RTP ticks: the timestamp
     * step between the last two consecutive audio packets, else 20 ms.
     */
    public long spanTicks(int clockRate) {
        return spanTicks > 0 && spanTicks <= clockRate ? spanTicks : clockRate / DEFAULT_PTIME_DIVISOR;
    }

    /** Learns the packet duration from consecutive audio packets (sequence step 1). */
    public void audioPacket(long ext, long rtpTimestamp) {
        if (ext == lastAudioExt + 1) {
            int step = (int) (rtpTimestamp - lastAudioTs);
            if (step > 0) {
                spanTicks = step;
            }
        }
        if (ext > lastAudioExt) {
            lastAudioExt = ext;
            lastAudioTs = rtpTimestamp;
        }
    }

    /** Payload type whose name is the stream's codec: the most frequent audio type, else the most frequent one. */
    private int codecType() {
        int best = -1;
        for (int pt = 0; pt < TYPES; pt++) {
            if (packets(pt) > 0 && payloads.kind(pt).audio() && (best < 0 || packets(pt) > packets(best))) {
                best = pt;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int pt = 0; pt < TYPES; pt++) {
            if (best < 0 || packets(pt) > packets(best)) {
                best = pt;
            }
        }
        return best;
    }

    public StreamStats stats() {
        int pt = codecType();
        return new StreamStats(ssrc, src, dst, payloads.name(pt), payloads.kind(pt).decoded(), seq.received(),
                seq.lost(), duplicates, late, firstSeenNanos, lastSeenNanos, dtmf.events());
    }
}
