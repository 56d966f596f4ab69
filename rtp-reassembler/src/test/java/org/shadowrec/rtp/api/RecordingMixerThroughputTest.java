package org.shadowrec.rtp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.rtp.testing.Sent.T0;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.testing.Tone;

/**
 * Packets per second through {@code Flow.packet} + {@code advance} for a two-channel PCMU call, and proof that the
 * per-packet path does not allocate. Prints the rate; asserts nothing about time (shared CI machines).
 */
class RecordingMixerThroughputTest {

    /** Counts frames and folds them into a checksum, allocating nothing. */
    static final class CountingSink implements PcmSink {
        long frames;
        long checksum;

        @Override
        public void write(short[] interleaved, int frameOffset, int count) {
            for (int i = frameOffset * 2; i < (frameOffset + count) * 2; i++) {
                checksum = checksum * 31 + interleaved[i];
            }
            frames += count;
        }
    }

    @Test
    void two_channel_pcmu_call_throughput_without_allocation() throws Exception {
        SteadyCall call = new SteadyCall();
        RecordingMixer mixer = call.mixer;
        CountingSink sink = new CountingSink();
        int warmup = 50_000;
        int measured = 500_000; // per channel: 10,000 s of audio
        call.run(sink, 0, warmup);

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long start = System.nanoTime();
        call.run(sink, warmup, measured);
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;

        double packetsPerSecond = 2.0 * measured / (elapsed / 1e9);
        System.out.printf("rtp-reassembler throughput: %.0f packets/s (%d packets in %.1f ms), %d bytes allocated%n",
                packetsPerSecond, 2L * measured, elapsed / 1e6, allocated);
        assertTrue(allocated < 64 * 1024, "per-packet path allocated " + allocated + " bytes for "
                + 2L * measured + " packets");
        assertEquals(0L, mixer.counters().get("too-far-ahead") + mixer.counters().get("late"));
        assertEquals(2L * (warmup + measured), mixer.counters().get("decoded"));
        assertTrue(sink.frames > (long) (warmup + measured - 100) * Tone.SAMPLES_PER_PACKET);
    }

    /**
     * A two-channel PCMU call (440 Hz and 1 kHz, the callee 1 ms behind) whose two packet buffers are fed again and
     * again, sequence number and timestamp rewritten in place.
     */
    static final class SteadyCall {
        final RecordingMixer mixer = new RecordingMixer(2, MixerConfig.defaults());
        private final RecordingMixer.Flow a = mixer.openFlow(0, "a", "x");
        private final RecordingMixer.Flow b = mixer.openFlow(1, "b", "x");
        private final byte[] pa = Tone.pcmuPacket(440, 0, 0, 0, 1);
        private final byte[] pb = Tone.pcmuPacket(1000, 0, 0, 0, 2);

        /** Packets {@code from} .. {@code from + count - 1} of both channels, advancing the mixer after each. */
        void run(PcmSink sink, int from, int count) throws java.io.IOException {
            for (int i = from; i < from + count; i++) {
                long t = T0 + i * Tone.PACKET_NANOS;
                stamp(pa, i);
                stamp(pb, i);
                a.packet(t, pa, 0, pa.length);
                b.packet(t + 1_000_000, pb, 0, pb.length);
                mixer.advance(t, sink);
            }
        }
    }

    static void stamp(byte[] p, int i) {
        p[2] = (byte) (i >>> 8);
        p[3] = (byte) i;
        long ts = (long) i * Tone.SAMPLES_PER_PACKET;
        p[4] = (byte) (ts >>> 24);
        p[5] = (byte) (ts >>> 16);
        p[6] = (byte) (ts >>> 8);
        p[7] = (byte) ts;
    }

    @Test
    void buffered_audio_of_a_steady_call_follows_the_reorder_window_not_the_capacity() throws Exception {
        SteadyCall call = new SteadyCall();
        RecordingMixer mixer = call.mixer;
        CountingSink sink = new CountingSink();
        long most = 0;
        for (int i = 0; i < 3000; i += 50) { // 60 s, looked at every second
            call.run(sink, i, 50);
            most = Math.max(most, mixer.bufferedBytes());
        }
        // 500 ms reorder window = 4000 samples = 8 pages of 512 per channel, plus one being filled and the chunk;
        // the 10.5 s window capacity would be 2 x 168 000 bytes.
        long pages = 2L * (4000 / 512 + 3);
        assertTrue(most <= pages * 1024 + 2 * 1024 * 2, "buffered " + most + " bytes");
        assertTrue(most >= 2L * 4000 * 2, "the reorder window of audio is held: " + most);
        assertEquals(0L, mixer.counters().get("too-far-ahead") + mixer.counters().get("late"));
        assertEquals(6000L, mixer.counters().get("decoded"));
    }
}
