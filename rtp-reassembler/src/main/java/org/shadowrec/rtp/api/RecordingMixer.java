package org.shadowrec.rtp.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The audio of one recording: N channels, each fed by one or more RTP flows, placed on one wall clock whose origin is
 * the capture time of the first RTP packet of any channel. Sample position of a packet = its stream's anchor (arrival
 * of its first packet) plus the RTP timestamp advance since then; a stream whose timestamps drift from arrival by more
 * than {@link MixerConfig#resyncMillis()} re-anchors. Gaps are silence. Audio older than the capture time minus the
 * reorder window is final and goes to the sink. Confined to the processing thread.
 */
public final class RecordingMixer {

    /** One transport flow (5-tuple) feeding a channel; split into streams by SSRC inside. */
    public interface Flow {
        /** Payload type meanings for this flow (replaces earlier ones; defaults from RFC 3551 apply otherwise). */
        void formats(Map<Integer, PayloadFormat> formats);

        /**
         * One UDP payload claimed as RTP for this flow. Never throws for content; a non-RTP payload is counted.
         *
         * @return false when the payload is not RTP (version, length) and was dropped
         */
        boolean packet(long captureNanos, byte[] buf, int off, int len);
    }

    public RecordingMixer(int channels, MixerConfig config) {
        throw new UnsupportedOperationException("TODO rtp-reassembler " + channels + config);
    }

    /** Opens a flow for a channel; src/dst are labels kept in the stats. */
    public Flow openFlow(int channel, String src, String dst) {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    /** Writes every frame that is final at capture time {@code nowNanos}. */
    public void advance(long nowNanos, PcmSink sink) throws IOException {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    /** Writes all remaining audio up to the end of the last packet of any stream, and closes open DTMF events. */
    public void finish(PcmSink sink) throws IOException {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    /** Capture time of the first audio frame, or -1 before any RTP packet. */
    public long originNanos() {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    /** Frames written to the sink so far. */
    public long framesWritten() {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    /** Per channel, the stats of its streams, in order of first packet. */
    public List<List<StreamStats>> stats() {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    public int channels() {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }

    public int sampleRate() {
        throw new UnsupportedOperationException("TODO rtp-reassembler");
    }
}
