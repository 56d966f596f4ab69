package org.shadowrec.rtp.internal;

import java.util.ArrayList;
import java.util.List;
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
