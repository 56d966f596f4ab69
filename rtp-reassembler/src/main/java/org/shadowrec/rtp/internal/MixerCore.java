package org.shadowrec.rtp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shadowrec.rtp.api.MixerConfig;
import org.shadowrec.rtp.api.StreamStats;

/**
 * What the flows of one recording share: configuration, the {@link Timeline}, the counters and the streams of each
 * channel in order of first packet. Confined to the processing thread.
 */
public final class MixerCore {

    private final MixerConfig config;
    private final Timeline timeline;
    private final Counters counters = new Counters();
    private final List<List<RtpStream>> streams = new ArrayList<>();
    private final List<RtpFlow> flows = new ArrayList<>();
    private final long resyncSamples;

    public MixerCore(int channels, MixerConfig config) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1: " + channels);
        }
        if (config.sampleRate() < 1 || config.reorderWindowMillis() < 0 || config.resyncMillis() < 0
                || config.maxLeadMillis() < 0) {
            throw new IllegalArgumentException("invalid mixer config: " + config);
        }
        this.config = config;
        this.timeline = new Timeline(channels, config.sampleRate(), config.reorderWindowMillis(),
                config.maxLeadMillis());
        this.resyncSamples = (long) config.resyncMillis() * config.sampleRate() / 1000;
        for (int c = 0; c < channels; c++) {
            streams.add(new ArrayList<>());
        }
    }

    public MixerConfig config() {
        return config;
    }

    public Timeline timeline() {
        return timeline;
    }

    public Counters counters() {
        return counters;
    }

    long resyncSamples() {
        return resyncSamples;
    }

    public int channels() {
        return streams.size();
    }

    /** Opens a flow feeding {@code channel} (its per-packet counters are summed into {@link #countersSnapshot}). */
    public RtpFlow openFlow(int channel, String src, String dst) {
        RtpFlow flow = new RtpFlow(this, channel, src, dst);
        flows.add(flow);
        return flow;
    }

    /**
     * Every counter by key, in declaration order, zeros included (a snapshot): the recording's shared counters plus
     * the per-packet ones ({@link Counter#RTP}, {@link Counter#DECODED}) that each flow keeps itself.
     */
    public Map<String, Long> countersSnapshot() {
        Map<String, Long> out = counters.snapshot();
        long rtp = 0;
        long decoded = 0;
        for (RtpFlow f : flows) {
            rtp += f.rtpPackets();
            decoded += f.decodedPackets();
        }
        out.merge(Counter.RTP.key(), rtp, Long::sum);
        out.merge(Counter.DECODED.key(), decoded, Long::sum);
        return out;
    }

    void register(int channel, RtpStream stream) {
        streams.get(channel).add(stream);
        counters.add(Counter.NEW_STREAM);
    }

    /** Closes the open DTMF events of every stream. */
    public void closeEvents() {
        for (List<RtpStream> channel : streams) {
            for (RtpStream s : channel) {
                s.dtmf().close();
            }
        }
    }

    /** Stats per channel, streams in order of first packet (a snapshot). */
    public List<List<StreamStats>> stats() {
        List<List<StreamStats>> out = new ArrayList<>(streams.size());
        for (List<RtpStream> channel : streams) {
            List<StreamStats> list = new ArrayList<>(channel.size());
            for (RtpStream s : channel) {
                list.add(s.stats());
            }
            out.add(List.copyOf(list));
        }
        return List.copyOf(out);
    }
}
