package org.shadowrec.rtp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.rtp.testing.Sent.T0;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.testing.CapturingSink;
import org.shadowrec.rtp.testing.RtpPacket;
import org.shadowrec.rtp.testing.Sent;
import org.shadowrec.rtp.testing.Tone;

/** One channel, one flow, a 440 Hz PCMU call of 400 packets (8 s) with the network doing one thing wrong. */
class RecordingMixerScenarioTest {

    static final int N = 400;
    static final int SPP = Tone.SAMPLES_PER_PACKET;
    static final long SSRC = 0xA1B2C3D4L;

    final RecordingMixer mixer = new RecordingMixer(1, MixerConfig.defaults());
    final RecordingMixer.Flow flow = mixer.openFlow(0, "192.0.2.1:10000", "192.0.2.2:20000");

    static List<Sent> call() {
        return Sent.tone(N, 440, 1000, 90_000, SSRC);
    }

    /** The audio of the clean call, for comparison. */
    static short[] reference() throws IOException {
        RecordingMixer m = new RecordingMixer(1, MixerConfig.defaults());
        return Sent.replay(m, m.openFlow(0, "a", "b"), call()).channel(0);
    }

    StreamStats onlyStream() {
        List<StreamStats> streams = mixer.stats().get(0);
        assertEquals(1, streams.size());
        return streams.get(0);
    }

    @Test
    void clean_call_has_the_rtp_span_and_no_loss() throws IOException {
        CapturingSink sink = Sent.replay(mixer, flow, call());
        assertEquals(N * SPP, sink.frames());
        StreamStats s = onlyStream();
        assertEquals(N, s.packets());
        assertEquals(0, s.lost());
        assertEquals(T0, s.firstSeenNanos());
        assertEquals(T0 + (N - 1) * Tone.PACKET_NANOS, s.lastSeenNanos());
        assertEquals("192.0.2.1:10000", s.src());
        assertEquals("192.0.2.2:20000", s.dst());
        assertEquals(SSRC, s.ssrc());
    }

    @Test
    void five_lost_packets_are_counted_and_silent_exactly_where_they_were() throws IOException {
        List<Sent> sent = new ArrayList<>(call());
        sent.subList(100, 105).clear();
        short[] ref = reference();
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertEquals(5, onlyStream().lost());
        assertEquals(N - 5, onlyStream().packets());
        assertEquals(ref.length, got.length);
        for (int i = 0; i < got.length; i++) {
            boolean inGap = i >= 100 * SPP && i < 105 * SPP;
            assertEquals(inGap ? 0 : ref[i], got[i], "sample " + i);
        }
        assertTrue(nonZero(ref, 100 * SPP, 105 * SPP) > 700, "the reference has audio in the gap");
    }

    @Test
    void reordering_within_the_window_loses_nothing_and_changes_no_sample() throws IOException {
        List<Sent> sent = new ArrayList<>(call());
        for (int i = 10; i < N - 20; i += 10) { // swap neighbours, captured in swapped order
            Sent a = sent.get(i);
            Sent b = sent.get(i + 1);
            sent.set(i, b.at(a.captureNanos()));
            sent.set(i + 1, a.at(b.captureNanos()));
        }
        Sent delayed = sent.remove(205); // arrives 300 ms late (15 packets), inside the 500 ms window
        sent.add(219, delayed.at(sent.get(219).captureNanos() + 1));
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertArrayEquals(reference(), got);
        assertEquals(0, onlyStream().lost());
        assertEquals(0, onlyStream().late());
        assertEquals(N, onlyStream().packets());
    }

    @Test
    void duplicates_are_counted_and_change_no_sample() throws IOException {
        List<Sent> sent = new ArrayList<>();
        List<Sent> clean = call();
        for (int i = 0; i < N; i++) {
            sent.add(clean.get(i));
            if (i % 7 == 3) {
                sent.add(clean.get(i).at(clean.get(i).captureNanos() + 100_000)); // mirrored twice
            }
            if (i == 300) {
                sent.add(clean.get(260).at(clean.get(i).captureNanos() + 1)); // 800 ms old duplicate
            }
        }
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertArrayEquals(reference(), got);
        StreamStats s = onlyStream();
        long expectedDuplicates = N / 7 + (N % 7 > 3 ? 1 : 0) + 1;
        assertEquals(expectedDuplicates, s.duplicates());
        assertEquals(expectedDuplicates, mixer.counters().get("duplicate"));
        assertEquals(N, s.packets());
        assertEquals(0, s.lost());
        assertEquals(0, s.late());
    }

    @Test
    void a_packet_later_than_the_window_is_late_and_dropped() throws IOException {
        List<Sent> sent = new ArrayList<>(call());
        Sent held = sent.remove(100);
        sent.add(149, held.at(sent.get(149).captureNanos() + 1)); // 1 s late, window is 500 ms
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        StreamStats s = onlyStream();
        assertEquals(1, s.late());
        assertEquals(1L, mixer.counters().get("late"));
        assertEquals(0, s.lost(), "it did arrive (RFC 3550 A.3)");
        assertEquals(0, nonZero(got, 100 * SPP, 101 * SPP), "its audio was already written as silence");
        assertEquals(N * SPP, got.length);
    }

    @Test
    void a_new_ssrc_on_the_flow_starts_a_second_stream() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            byte[] p = i < 200 ? Tone.pcmuPacket(440, i, 1000, 90_000, SSRC)
                    : Tone.pcmuPacket(440, i, 7, 555_000_000L, 0x0BADCAFEL); // other sequence and clock bases
            sent.add(new Sent(T0 + i * Tone.PACKET_NANOS, p));
        }
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        List<StreamStats> streams = mixer.stats().get(0);
        assertEquals(2, streams.size());
        assertEquals(SSRC, streams.get(0).ssrc());
        assertEquals(0x0BADCAFEL, streams.get(1).ssrc());
        assertEquals(200, streams.get(0).packets());
        assertEquals(200, streams.get(1).packets());
        assertEquals(0, streams.get(0).lost() + streams.get(1).lost());
        assertEquals(T0 + 200 * Tone.PACKET_NANOS, streams.get(1).firstSeenNanos());
        assertArrayEquals(reference(), got, "the second stream anchors where it arrived: seamless");
    }

    @Test
    void a_timestamp_jump_re_anchors_to_arrival() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long ts0 = i < 200 ? 90_000 : 90_000 + 40_000_000L; // sender jumps its clock by ~83 min
            sent.add(new Sent(T0 + i * Tone.PACKET_NANOS, Tone.pcmuPacket(440, i, 1000, ts0, SSRC)));
        }
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertEquals(1L, mixer.counters().get("resync"));
        assertArrayEquals(reference(), got);
        assertEquals(0, mixer.counters().get("too-far-ahead"));
    }

    @Test
    void a_packet_from_before_the_jump_arriving_after_it_keeps_its_place() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long ts0 = i < 200 ? 90_000 : 90_000 + 40_000_000L;
            sent.add(new Sent(T0 + i * Tone.PACKET_NANOS, Tone.pcmuPacket(440, i, 1000, ts0, SSRC)));
        }
        Sent last = sent.get(199); // the last packet of the old timebase is overtaken by the first of the new
        Sent first = sent.get(200);
        sent.set(199, first.at(last.captureNanos()));
        sent.set(200, last.at(first.captureNanos()));
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertEquals(1L, mixer.counters().get("resync"), "one re-anchor, not three");
        assertEquals(0, onlyStream().late());
        // The new timebase anchors where its first packet arrived, one packet early: from there on the audio is
        // 20 ms earlier, and the overtaken packet still lands at its old place, on top of it.
        short[] ref = reference();
        assertEquals(ref.length - SPP, got.length);
        for (int i = 0; i < got.length; i++) {
            int expected = i < 199 * SPP ? ref[i] : i < 200 * SPP ? ref[i] + ref[i + SPP] : ref[i + SPP];
            assertEquals(expected, got[i], "sample " + i);
        }
    }

    @Test
    void a_backward_timestamp_jump_re_anchors_too() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long ts0 = i < 200 ? 3_000_000_000L : 100; // backwards by far more than resync
            sent.add(new Sent(T0 + i * Tone.PACKET_NANOS, Tone.pcmuPacket(440, i, 1000, ts0, SSRC)));
        }
        assertArrayEquals(reference(), Sent.replay(mixer, flow, sent).channel(0));
        assertEquals(1L, mixer.counters().get("resync"));
        assertEquals(0, onlyStream().late());
    }

    @Test
    void sequence_and_timestamp_wrap_in_the_middle_of_the_call() throws IOException {
        List<Sent> sent = Sent.tone(N, 440, 65535 - 199, 0xFFFFFFFFL - 160 * 150, SSRC);
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertArrayEquals(reference(), got);
        assertEquals(N, onlyStream().packets());
        assertEquals(0, onlyStream().lost());
        assertEquals(0L, mixer.counters().get("resync"));
        assertEquals(0L, mixer.counters().get("seq-jump"));
    }

    @Test
    void a_sequence_restart_keeps_the_audio_and_the_loss_count_right() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int seq0 = i < 200 ? 1000 : 1000 + 30_000; // sender restarts its sequence numbers, same SSRC
            sent.add(new Sent(T0 + i * Tone.PACKET_NANOS, Tone.pcmuPacket(440, i, seq0, 90_000, SSRC)));
        }
        sent.remove(300); // and one real loss after the restart
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        assertEquals(1L, mixer.counters().get("seq-jump"));
        assertEquals(1L, mixer.counters().get("seq-restart"));
        assertEquals(N - 1, onlyStream().packets());
        assertEquals(1, onlyStream().lost());
        short[] ref = reference();
        for (int i = 0; i < ref.length; i++) {
            assertEquals(i / SPP == 300 ? 0 : ref[i], got[i], "sample " + i);
        }
    }

    @Test
    void silence_after_the_last_packet_is_not_written() throws IOException {
        CapturingSink sink = new CapturingSink(1);
        for (Sent s : call()) {
            flow.packet(s.captureNanos(), s.bytes(), 0, s.bytes().length);
            mixer.advance(s.captureNanos(), sink);
        }
        mixer.advance(T0 + 60_000_000_000L, sink); // a minute of RTP inactivity before the call ends
        mixer.finish(sink);
        assertEquals(N * SPP, sink.frames());
    }

    @Test
    void silence_of_a_hold_in_the_middle_is_written() throws IOException {
        CapturingSink sink = new CapturingSink(1);
        List<Sent> clean = call();
        long hold = 30_000_000_000L; // 30 s without RTP, sender's timestamps keep running
        long holdTicks = 30 * 8000;
        for (int i = 0; i < N; i++) {
            boolean after = i >= 200;
            long t = clean.get(i).captureNanos() + (after ? hold : 0);
            byte[] p = Tone.pcmuPacket(440, i, 1000, 90_000 + (after ? holdTicks : 0), SSRC);
            flow.packet(t, p, 0, p.length);
            mixer.advance(t, sink);
            if (i == 199) {
                for (long tick = t; tick < t + hold; tick += 1_000_000_000L) {
                    mixer.advance(tick, sink); // the processing thread ticks while nothing arrives
                }
            }
        }
        mixer.finish(sink);
        assertEquals(N * SPP + holdTicks, sink.frames());
        assertEquals(0L, mixer.counters().get("too-far-ahead"));
        assertEquals(0L, mixer.counters().get("resync"));
        short[] got = sink.channel(0);
        assertEquals(0, nonZero(got, 200 * SPP, 200 * SPP + (int) holdTicks));
        short[] ref = reference();
        for (int i = 200 * SPP; i < N * SPP; i++) {
            assertEquals(ref[i], got[i + (int) holdTicks], "sample " + i + " after the hold");
        }
    }

    @Test
    void without_advance_audio_beyond_the_buffer_is_dropped_and_counted() throws IOException {
        List<Sent> sent = Sent.tone(600, 440, 1000, 90_000, SSRC); // 12 s, buffer holds 10.5 s
        CapturingSink sink = new CapturingSink(1);
        for (Sent s : sent) {
            flow.packet(s.captureNanos(), s.bytes(), 0, s.bytes().length);
        }
        mixer.finish(sink);
        long fits = (500 + 10_000) * 8 / SPP; // packets inside reorder window + maxLead
        assertEquals(600 - fits, mixer.counters().get("too-far-ahead"));
        assertEquals(fits * SPP, sink.frames());
    }

    @Test
    void rtcp_and_garbage_on_the_flow_are_counted_not_played() {
        byte[] rtcp = {(byte) 0x81, (byte) 201, 0, 7, 1, 2, 3, 4, 0, 0, 0, 0};
        assertFalse(flow.packet(T0, rtcp, 0, rtcp.length));
        byte[] stun = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertFalse(flow.packet(T0, stun, 0, stun.length));
        assertFalse(flow.packet(T0, stun, 0, 1));
        Map<String, Long> c = mixer.counters();
        assertEquals(1L, c.get("rtcp"));
        assertEquals(2L, c.get("not-rtp"));
        assertEquals(1L, c.get("not-rtp-bad-version"));
        assertEquals(1L, c.get("not-rtp-too-short"));
        assertEquals(-1, mixer.originNanos(), "no RTP yet: no origin");
        assertTrue(mixer.stats().get(0).isEmpty());
    }

    @Test
    void rtp_at_an_offset_in_a_bigger_buffer() throws IOException {
        CapturingSink sink = new CapturingSink(1);
        for (Sent s : call()) {
            byte[] buf = RtpPacket.embed(s.bytes(), 37, 11);
            assertTrue(flow.packet(s.captureNanos(), buf, 37, s.bytes().length));
            mixer.advance(s.captureNanos(), sink);
        }
        mixer.finish(sink);
        assertArrayEquals(reference(), sink.channel(0));
    }

    static int nonZero(short[] pcm, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (pcm[i] != 0) {
                n++;
            }
        }
        return n;
    }
}
