package org.shadowrec.correlator.internal;

import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.rtp.api.RecordingMixer;

/**
 * What one announced media endpoint means: the session, the channel of packets sent TO it (the audio of the party
 * that talks to the endpoint's owner) and the channel of packets sent FROM it (the owner's own audio, for symmetric
 * RTP, RFC 4961). A channel of -1 means such packets are claimed but not recorded. The last flow used in each
 * direction is cached so that a matched packet costs one table lookup and one {@link Endpoint#equals} check.
 */
final class MediaBinding {
    final RecordingSession session;
    final int channelIn;
    final int channelOut;
    final boolean rtcp;

    /** Set when several channels of the session share this exact pair: the SSRC picks the channel. */
    SsrcSplit split;

    Endpoint inPeer;
    RecordingMixer.Flow inFlow;
    Endpoint outPeer;
    RecordingMixer.Flow outFlow;

    MediaBinding(RecordingSession session, int channelIn, int channelOut, boolean rtcp) {
        this.session = session;
        this.channelIn = channelIn;
        this.channelOut = channelOut;
        this.rtcp = rtcp;
    }

    boolean sameAs(RecordingSession s, int in, int out, boolean isRtcp) {
        return session == s && channelIn == in && channelOut == out && rtcp == isRtcp;
    }
}
