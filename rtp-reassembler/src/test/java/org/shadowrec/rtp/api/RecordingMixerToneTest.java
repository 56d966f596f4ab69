package org.shadowrec.rtp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.testing.CapturingSink;
import org.shadowrec.rtp.testing.Goertzel;
import org.shadowrec.rtp.testing.Tone;

/** Two PCMU tone streams on two channels, through the mixer, checked by frequency and length. */
class RecordingMixerToneTest {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final int PACKETS = 400; // 8 s

    @Test
    void two_channels_carry_their_own_tone_for_the_whole_call() throws IOException {
        RecordingMixer mixer = new RecordingMixer(2, MixerConfig.defaults());
        RecordingMixer.Flow a = mixer.openFlow(0, "10.0.0.1:4000", "10.0.0.9:5000");
        RecordingMixer.Flow b = mixer.openFlow(1, "10.0.0.2:4002", "10.0.0.9:5002");
        CapturingSink sink = new CapturingSink(2);
        for (int i = 0; i < PACKETS; i++) {
            long t = T0 + i * Tone.PACKET_NANOS;
            // arrival jitter of a few ms, deterministic
            assertTrue(a.packet(t + (i % 3) * 1_000_000L, Tone.pcmuPacket(440, i, 1000, 5000, 0x1111), 0, 172));
            byte[] pb = Tone.pcmuPacket(1000, i, 60000, 123456789L, 0x2222);
            assertTrue(b.packet(t + 4_000_000L + (i % 5) * 500_000L, pb, 0, pb.length));
            mixer.advance(t, sink);
        }
        mixer.finish(sink);

        assertEquals(T0, mixer.originNanos());
        assertEquals(PACKETS * Tone.SAMPLES_PER_PACKET, sink.frames(), Tone.SAMPLES_PER_PACKET);
        assertEquals(sink.frames(), mixer.framesWritten());
        assertTrue(sink.writes() > 10, "audio was streamed out during the call, not only at finish");
        short[] ch0 = sink.channel(0);
        short[] ch1 = sink.channel(1);
        for (int start = 0; start + 1600 <= ch0.length - 1600; start += 8000) {
            assertDominant(ch0, start, 440, 1000);
            assertDominant(ch1, start, 1000, 440);
        }

        List<List<StreamStats>> stats = mixer.stats();
        assertEquals(2, stats.size());
        StreamStats s0 = stats.get(0).get(0);
        StreamStats s1 = stats.get(1).get(0);
        assertEquals(0x1111, s0.ssrc());
        assertEquals("10.0.0.1:4000", s0.src());
        assertEquals("PCMU", s0.codec());
        assertTrue(s0.decoded());
        assertEquals(PACKETS, s0.packets());
        assertEquals(0, s0.lost());
        assertEquals(PACKETS, s1.packets());
        assertEquals(0, s1.lost());
        assertEquals(2L * PACKETS, mixer.counters().get("decoded"));
    }

    static void assertDominant(short[] pcm, int start, double expected, double other) {
        double pe = Goertzel.power(pcm, start, 1600, expected, Tone.RATE);
        double po = Goertzel.power(pcm, start, 1600, other, Tone.RATE);
        assertTrue(pe > 100 * po, "at " + start + ": " + expected + " Hz power " + pe + " vs " + other + " Hz " + po);
    }
}
