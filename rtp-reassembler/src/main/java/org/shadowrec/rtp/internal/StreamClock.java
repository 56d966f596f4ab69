package org.shadowrec.rtp.internal;

/**
 * Places one stream's packets on the recording's sample timeline. The stream anchors at its first packet: position
 * = arrival time since the origin, in output samples. Later packets sit at anchor + (RTP timestamp − anchor
 * timestamp), scaled from the payload clock to the output rate (RFC 3550 §5.1: the timestamp is the sampling
 * instant). When that position differs from the arrival-based one by more than the resync distance (timestamp jump,
 * sender restart) or the payload clock rate changes, the stream re-anchors to arrival. The anchor before the last
 * re-anchoring is kept, so a packet from before a jump that arrives after it (reordering) still lands where its
 * neighbours are instead of re-anchoring twice. Timestamp differences are signed 32-bit (wrap-safe); the anchor is
 * moved forward when they grow past 2^30 ticks.
 */
public final class StreamClock {

    private static final int REBASE_TICKS = 1 << 30;

    private boolean anchored;
    private long anchorPos;
    private long anchorTs;
    private int clockRate;
    private boolean hasPrevious;
    private long previousPos;
    private long previousTs;
    private int previousRate;
    private long resyncs;

    /**
     * @param rtpTimestamp unsigned 32-bit RTP timestamp
     * @param payloadClock clock rate of the packet's payload type
     * @param arrivalPos the packet's arrival in output samples since the origin
     * @param outRate output sample rate
     * @param resyncSamples largest tolerated |timestamp position − arrival position|
     * @return the packet's position in output samples
     */
    public long place(long rtpTimestamp, int payloadClock, long arrivalPos, int outRate, long resyncSamples) {
        if (!anchored) {
            anchor(rtpTimestamp, payloadClock, arrivalPos);
            return arrivalPos;
        }
        if (payloadClock == clockRate) {
            int ticks = (int) (rtpTimestamp - anchorTs);
            long pos = anchorPos + (clockRate == outRate ? ticks : Math.floorDiv((long) ticks * outRate, clockRate));
            if (Math.abs(pos - arrivalPos) <= resyncSamples) {
                if (ticks > REBASE_TICKS || ticks < -REBASE_TICKS) {
                    anchorPos = pos;
                    anchorTs = rtpTimestamp;
                }
                return pos;
            }
        }
        if (hasPrevious && payloadClock == previousRate) {
            long pos = previousPos + Math.floorDiv((long) (int) (rtpTimestamp - previousTs) * outRate, previousRate);
            if (Math.abs(pos - arrivalPos) <= resyncSamples) {
                return pos;
            }
        }
        resyncs++;
        hasPrevious = true;
        previousPos = anchorPos;
        previousTs = anchorTs;
        previousRate = clockRate;
        anchor(rtpTimestamp, payloadClock, arrivalPos);
        return arrivalPos;
    }

    private void anchor(long rtpTimestamp, int payloadClock, long arrivalPos) {
        anchored = true;
        anchorPos = arrivalPos;
        anchorTs = rtpTimestamp;
        clockRate = payloadClock;
    }

    /** Times the stream re-anchored after its first packet. */
    public long resyncs() {
        return resyncs;
    }
}
