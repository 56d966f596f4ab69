package org.shadowrec.correlator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingSink;

/** A real {@link RecordingListener} that keeps every recording's audio and metadata in memory. */
final class MemoryRecordings implements RecordingListener {
    final List<Recording> recordings = new ArrayList<>();

    @Override
    public RecordingSink open(String id, int channels, int sampleRate) {
        Recording r = new Recording(id, channels, sampleRate);
        recordings.add(r);
        return r;
    }

    Recording only() {
        if (recordings.size() != 1) {
            throw new AssertionError("expected exactly one recording, got " + recordings.size());
        }
        return recordings.get(0);
    }

    static final class Recording implements RecordingSink {
        final String id;
        final int channels;
        final int sampleRate;
        private short[] interleaved = new short[8000];
        private int samples;
        RecordingMetadata metadata;
        int completions;
        int writesAfterComplete;

        Recording(String id, int channels, int sampleRate) {
            this.id = id;
            this.channels = channels;
            this.sampleRate = sampleRate;
        }

        @Override
        public void write(short[] data, int frameOffset, int frames) {
            if (completions > 0) {
                writesAfterComplete++;
            }
            int n = frames * channels;
            if (samples + n > interleaved.length) {
                interleaved = Arrays.copyOf(interleaved, Math.max(interleaved.length * 2, samples + n));
            }
            System.arraycopy(data, frameOffset * channels, interleaved, samples, n);
            samples += n;
        }

        @Override
        public void complete(RecordingMetadata md) {
            metadata = md;
            completions++;
        }

        int frames() {
            return samples / channels;
        }

        short[] channel(int c) {
            short[] out = new short[frames()];
            for (int i = 0; i < out.length; i++) {
                out[i] = interleaved[i * channels + c];
            }
            return out;
        }

        short[] interleaved() {
            return Arrays.copyOf(interleaved, samples);
        }

        boolean completed() {
            return completions == 1;
        }
    }
}
