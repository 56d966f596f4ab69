package org.shadowrec.rtp.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.shadowrec.rtp.internal.MixerCore;

/**
 * The audio of one recording: N channels, each fed by one or more RTP flows, placed on one wall clock whose origin is
 * the capture time of the first RTP packet of any channel. Sample position of a packet = its stream's anchor (arrival
 * of its first packet) plus the RTP timestamp advance since then; a stream whose timestamps drift from arrival by more
 * than {@link MixerConfig#resyncMillis()} re-anchors. Gaps are silence. Audio older than the capture time minus the
 * reorder window is final and goes to the sink. Confined to the processing thread; nothing is allocated per packet.
 *
 * <p>Memory per channel is bounded by {@link MixerConfig#reorderWindowMillis()} + {@link MixerConfig#maxLeadMillis()}
 * of samples, but only audio waiting to be written takes memory (pages of 512 samples): about the reorder window per
 * channel for a steady call ({@link #bufferedBytes()}). Bad input never throws: it is dropped and counted in {@link #counters()}; per-stream outcomes are in
 * {@link #stats()}. See {@code rtp-reassembler/docs/README.md} for the pipeline and the choices made.
 */
public final class RecordingMixer {

    /** One transport flow (5-tuple) feeding a channel; split into streams by SSRC inside. */
    public interface Flow {
        /** Payload type meanings for this flow (replaces earlier ones; defaults from RFC 3551 apply otherwise). */
        void formats(Map<Integer, PayloadFormat> formats);

        /**
         * One UDP payload claimed as RTP for this flow. Never throws for content; a non-RTP payload is counted.
         * Streams are keyed by SSRC within this flow; a new SSRC starts a new stream.
         *
         * @return false when the payload is not RTP (RTCP per RFC 5761, bad version, impossible lengths) and was
         *     dropped; true for RTP, even when it was then dropped as a duplicate, late or too far ahead
         */
        boolean packet(long captureNanos, byte[] buf, int off, int len);
    }

    private final MixerCore core;

    /**
     * @param channels output channels (interleaved in that order)
     * @param config rates, windows and limits
     */
    public RecordingMixer(int channels, MixerConfig config) {
        this.core = new MixerCore(channels, config);
    }

    /** Opens a flow for a channel; src/dst are labels kept in the stats. */
    public Flow openFlow(int channel, String src, String dst) {
        if (channel < 0 || channel >= core.channels()) {
            throw new IllegalArgumentException("channel " + channel + " of " + core.channels());
        }
        return core.openFlow(channel, src, dst);
    }

    /**
     * Writes every frame that is final at capture time {@code nowNanos}: all frames before now − origin − reorder
     * window, for all channels, except that silence after the last packet is held back until audio follows it (so
     * the recording ends with its last packet). Call it regularly (per packet or per tick): a packet placed more than
     * reorder window + {@link MixerConfig#maxLeadMillis()} past the written point is dropped as
     * {@code too-far-ahead} rather than forcing a flush.
     */
    public void advance(long nowNanos, PcmSink sink) throws IOException {
        core.timeline().advance(nowNanos, sink);
    }

    /** Writes all remaining audio up to the end of the last packet of any stream, and closes open DTMF events. */
    public void finish(PcmSink sink) throws IOException {
        core.timeline().finish(sink);
        core.closeEvents();
    }

    /** Capture time of the first audio frame, or -1 before any RTP packet. */
    public long originNanos() {
        return core.timeline().originNanos();
    }

    /**
     * Bytes of audio buffered now: the sample pages holding audio not yet written plus spare pages and the write
     * chunk (an estimate of this recording's audio memory; it follows the reorder window, not the window capacity).
     */
    public long bufferedBytes() {
        return core.timeline().bufferedBytes();
    }

    /** Frames written to the sink so far. */
    public long framesWritten() {
        return core.timeline().framesWritten();
    }

    /** Per channel, the stats of its streams, in order of first packet. */
    public List<List<StreamStats>> stats() {
        return core.stats();
    }

    /**
     * Counters by stable kebab-case key (a snapshot, every key present): {@code rtp}, {@code not-rtp} and its
     * reasons {@code not-rtp-*}, {@code rtcp}, {@code new-stream}, {@code too-many-streams}, {@code duplicate},
     * {@code seq-jump}, {@code seq-restart}, {@code resync}, {@code late}, {@code too-far-ahead},
     * {@code empty-payload}, {@code comfort-noise}, {@code telephone-event}, {@code telephone-event-malformed},
     * {@code undecoded}, {@code decoded}.
     */
    public Map<String, Long> counters() {
        return core.countersSnapshot();
    }

    public int channels() {
        return core.channels();
    }

    public int sampleRate() {
        return core.config().sampleRate();
    }
}
