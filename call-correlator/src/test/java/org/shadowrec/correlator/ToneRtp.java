package org.shadowrec.correlator;

/**
 * RTP packets (RFC 3550 §5.1) carrying a continuous sine tone as PCMU (G.711 µ-law, payload type 0), 20 ms (160
 * samples) per packet. Sequence numbers and timestamps advance per packet; the tone's phase continues across
 * packets.
 */
final class ToneRtp {
    static final int SAMPLES_PER_PACKET = 160;
    private final long ssrc;
    private final double hz;
    private int seq;
    private long timestamp;
    private long sampleIndex;
    private long eventTimestamp;

    ToneRtp(long ssrc, double hz, int firstSeq, long firstTimestamp) {
        this.ssrc = ssrc;
        this.hz = hz;
        this.seq = firstSeq;
        this.timestamp = firstTimestamp;
    }

    /** The next packet; {@code marker} on the first packet of a talk spurt. */
    byte[] next(boolean marker) {
        byte[] p = new byte[12 + SAMPLES_PER_PACKET];
        p[0] = (byte) 0x80;                                     // V=2, P=0, X=0, CC=0
        p[1] = (byte) ((marker ? 0x80 : 0) | 0);                // PT 0 = PCMU
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (timestamp >>> 24);
        p[5] = (byte) (timestamp >>> 16);
        p[6] = (byte) (timestamp >>> 8);
        p[7] = (byte) timestamp;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
            double v = 8000 * Math.sin(2 * Math.PI * hz * sampleIndex++ / 8000.0);
            p[12 + i] = linearToUlaw((short) Math.round(v));
        }
        seq = (seq + 1) & 0xFFFF;
        timestamp = (timestamp + SAMPLES_PER_PACKET) & 0xFFFF_FFFFL;
        return p;
    }

    /**
     * One RFC 4733 §2.3 telephone-event packet (payload type 101) for DTMF {@code code} lasting {@code duration}
     * samples so far; all packets of one event carry the timestamp of its start.
     */
    byte[] dtmf(int code, int duration, boolean end, boolean first) {
        if (first) {
            eventTimestamp = timestamp;
        }
        byte[] p = new byte[16];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((first ? 0x80 : 0) | 101);
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (eventTimestamp >>> 24);
        p[5] = (byte) (eventTimestamp >>> 16);
        p[6] = (byte) (eventTimestamp >>> 8);
        p[7] = (byte) eventTimestamp;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        p[12] = (byte) code;
        p[13] = (byte) ((end ? 0x80 : 0) | 10);             // E bit, volume -10 dBm0
        p[14] = (byte) (duration >>> 8);
        p[15] = (byte) duration;
        seq = (seq + 1) & 0xFFFF;
        return p;
    }

    /** After an event of {@code duration} samples, audio resumes at its end. */
    void afterEvent(int duration) {
        sampleIndex += eventTimestamp + duration - timestamp;
        timestamp = (eventTimestamp + duration) & 0xFFFF_FFFFL;
    }

    /** Lets {@code seconds} of the tone pass unsent (silence suppression, hold): timestamps advance, seq does not. */
    void skip(double seconds) {
        long n = Math.round(seconds * 8000);
        sampleIndex += n;
        timestamp = (timestamp + n) & 0xFFFF_FFFFL;
    }

    /** G.711 µ-law encoding of one 16-bit sample (ITU-T G.711, bias 0x84, clip 32635). */
    static byte linearToUlaw(short sample) {
        int s = sample;
        int sign = 0;
        if (s < 0) {
            sign = 0x80;
            s = -s;
        }
        s = Math.min(s, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** An RTCP sender report header (RFC 3550 §6.4.1), enough to be recognised and counted. */
    static byte[] rtcpSenderReport(long ssrc) {
        byte[] p = new byte[28];
        p[0] = (byte) 0x80;
        p[1] = (byte) 200;
        p[3] = 6;
        p[4] = (byte) (ssrc >>> 24);
        p[5] = (byte) (ssrc >>> 16);
        p[6] = (byte) (ssrc >>> 8);
        p[7] = (byte) ssrc;
        return p;
    }
}
