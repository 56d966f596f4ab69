package org.shadowrec.rtp.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.shadowrec.rtp.api.RecordingMixer;

/** One datagram as captured: capture time and bytes, and helpers to build and replay a sequence of them. */
public record Sent(long captureNanos, byte[] bytes) {

    public static final long T0 = 1_700_000_000_000_000_000L;

    /** {@code n} PCMU tone packets, packet i captured at T0 + i·20 ms, seq0 + i, ts0 + 160·i. */
    public static List<Sent> tone(int n, double freq, int seq0, long ts0, long ssrc) {
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Sent(T0 + i * Tone.PACKET_NANOS, Tone.pcmuPacket(freq, i, seq0, ts0, ssrc)));
        }
        return out;
    }

    /** Feeds every datagram to {@code flow}, advancing the mixer to each capture time, then finishes. */
    public static CapturingSink replay(RecordingMixer mixer, RecordingMixer.Flow flow, List<Sent> sent)
            throws IOException {
        CapturingSink sink = new CapturingSink(mixer.channels());
        for (Sent s : sent) {
            flow.packet(s.captureNanos(), s.bytes(), 0, s.bytes().length);
            mixer.advance(s.captureNanos(), sink);
        }
        mixer.finish(sink);
        return sink;
    }

    /** Same datagram, captured at another time. */
    public Sent at(long nanos) {
        return new Sent(nanos, bytes);
    }
}
