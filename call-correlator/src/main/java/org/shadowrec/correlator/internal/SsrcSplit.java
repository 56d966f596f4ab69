package org.shadowrec.correlator.internal;

import java.util.Arrays;

/**
 * Several streams of one session on the same exact (source, destination) pair: the legs of a Cisco BiB pair whose
 * phone sends both from the same port to the same recorder port. Only the SSRC (RFC 3550 §5.1) tells them apart, and
 * the SDP does not carry it: each new SSRC takes the next leg that has none yet, in the order the legs were bound
 * (the order their media was set up, hence the order their RTP starts). A new SSRC when every leg has one (a stream
 * restarted) takes the leg whose SSRC went quiet longest; packets are never dropped. Best effort by nature.
 */
final class SsrcSplit {
    private int[] channels;
    private long[] ssrcs;
    private long[] lastSeen;

    SsrcSplit(int first, int second) {
        channels = new int[] {first, second};
        ssrcs = new long[] {-1, -1};
        lastSeen = new long[2];
    }

    /** Adds a channel (a further leg bound to the same pair) unless it has it. */
    void add(int channel) {
        for (int c : channels) {
            if (c == channel) {
                return;
            }
        }
        int n = channels.length;
        channels = Arrays.copyOf(channels, n + 1);
        ssrcs = Arrays.copyOf(ssrcs, n + 1);
        lastSeen = Arrays.copyOf(lastSeen, n + 1);
        channels[n] = channel;
        ssrcs[n] = -1;
    }

    boolean has(int channel) {
        for (int c : channels) {
            if (c == channel) {
                return true;
            }
        }
        return false;
    }

    /** The channel of a packet with {@code ssrc} (unsigned 32 bits) seen at {@code nanos}. */
    int channelOf(long ssrc, long nanos) {
        int free = -1;
        int oldest = 0;
        for (int i = 0; i < ssrcs.length; i++) {
            if (ssrcs[i] == ssrc) {
                lastSeen[i] = nanos;
                return channels[i];
            }
            if (ssrcs[i] < 0 && free < 0) {
                free = i;
            }
            if (lastSeen[i] < lastSeen[oldest]) {
                oldest = i;
            }
        }
        int i = free >= 0 ? free : oldest;
        ssrcs[i] = ssrc;
        lastSeen[i] = nanos;
        return channels[i];
    }
}
