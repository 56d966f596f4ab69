package org.shadowrec.capture.pipeline;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingSink;

/**
 * Passes recordings through to the store and tallies, for the summary, the streams whose codec shadowrec does not
 * decode yet (silence in the WAV, {@code "decoded": false} in the JSON). Codec names come from SDP, so they are
 * cleaned and the tally is bounded. Confined to the processing thread.
 */
final class UndecodedCodecs implements RecordingListener {
    private static final int MAX_NAMES = 32;

    private final RecordingListener next;
    private final Map<String, Long> streamsByCodec = new TreeMap<>();

    UndecodedCodecs(RecordingListener next) {
        this.next = next;
    }

    @Override
    public RecordingSink open(String id, int channels, int sampleRate) throws IOException {
        RecordingSink sink = next.open(id, channels, sampleRate);
        return new RecordingSink() {
            @Override
            public void write(short[] interleaved, int frameOffset, int frames) throws IOException {
                sink.write(interleaved, frameOffset, frames);
            }

            @Override
            public boolean littleEndian() {
                return sink.littleEndian();
            }

            @Override
            public void writeLittleEndian(byte[] le, int byteOffset, int frames, int channels) throws IOException {
                sink.writeLittleEndian(le, byteOffset, frames, channels);
            }

            @Override
            public void flush() throws IOException {
                sink.flush();
            }

            @Override
            public void complete(RecordingMetadata metadata) throws IOException {
                sink.complete(metadata);
                tally(metadata);
            }
        };
    }

    private void tally(RecordingMetadata metadata) {
        if (metadata.channels() == null) {
            return;
        }
        for (RecordingMetadata.Channel ch : metadata.channels()) {
            for (RecordingMetadata.Stream s : ch.streams()) {
                if (!s.decoded()) {
                    String name = clean(s.codec());
                    if (streamsByCodec.containsKey(name) || streamsByCodec.size() < MAX_NAMES) {
                        streamsByCodec.merge(name, 1L, Long::sum);
                    } else {
                        streamsByCodec.merge("other", 1L, Long::sum);
                    }
                }
            }
        }
    }

    private static String clean(String codec) {
        if (codec == null || codec.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < codec.length() && b.length() < 24; i++) {
            char c = codec.charAt(i);
            b.append((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' ? c : '_');
        }
        return b.toString();
    }

    /** Streams not decoded, by codec name. */
    Map<String, Long> streamsByCodec() {
        return new TreeMap<>(streamsByCodec);
    }
}
