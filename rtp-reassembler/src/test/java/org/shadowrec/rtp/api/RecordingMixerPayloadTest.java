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
import org.shadowrec.rtp.testing.G711Encoder;
import org.shadowrec.rtp.testing.RtpPacket;
import org.shadowrec.rtp.testing.Sent;
import org.shadowrec.rtp.testing.Tone;

/** Payload types: DTMF, comfort noise, codecs that are not decoded, A-law, and two streams on one channel. */
class RecordingMixerPayloadTest {

    static final int SPP = Tone.SAMPLES_PER_PACKET;
    static final long SSRC = 0x5EED;
    static final long P = Tone.PACKET_NANOS;

    final RecordingMixer mixer = new RecordingMixer(1, MixerConfig.defaults());
    final RecordingMixer.Flow flow = mixer.openFlow(0, "198.51.100.7:30000", "198.51.100.8:40000");

    static byte[] event(int seq, long ts, int code, boolean end, int duration) {
        byte[] payload = {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >>> 8), (byte) duration};
        return RtpPacket.rtp().pt(101).seq(seq).ts(ts).ssrc(SSRC).marker(duration == 160).payload(payload).bytes();
    }

    @Test
    void dtmf_with_retransmitted_end_packets_is_one_event() throws IOException {
        flow.formats(Map.of(0, new PayloadFormat(0, "PCMU", 8000),
                101, new PayloadFormat(101, "telephone-event", 8000)));
        List<Sent> sent = new ArrayList<>();
        int seq = 100;
        for (int i = 0; i < 100; i++) { // 2 s of audio; digit "5" from packet 20 to 25, every event packet 20 ms
            sent.add(new Sent(T0 + i * P, RtpPacket.rtp().pt(0).seq(seq++).ts(i * SPP).ssrc(SSRC)
                    .payload(Tone.pcmuPayload(440, i)).bytes()));
            if (i >= 20 && i < 25) {
                int duration = (i - 19) * SPP;
                boolean end = i == 24;
                sent.add(new Sent(T0 + i * P + 1000, event(seq++, 20 * SPP, 5, end, duration)));
                if (end) { // RFC 4733 §2.5.1.4: the end packet is sent three times
                    sent.add(new Sent(T0 + i * P + 2000, event(seq++, 20 * SPP, 5, true, duration)));
                    sent.add(new Sent(T0 + i * P + 3000, event(seq++, 20 * SPP, 5, true, duration)));
                }
            }
            if (i >= 60 && i < 63) { // "#" without end packets: closed at finish
                sent.add(new Sent(T0 + i * P + 1000, event(seq++, 60 * SPP, 11, false, (i - 59) * SPP)));
            }
        }
        short[] got = Sent.replay(mixer, flow, sent).channel(0);

        StreamStats s = mixer.stats().get(0).get(0);
        assertEquals(List.of(new DtmfEvent("5", T0 + 20 * P + 1000, 100), new DtmfEvent("#", T0 + 60 * P + 1000, 60)),
                s.dtmf());
        assertEquals("PCMU", s.codec(), "events are not the codec");
        assertEquals(0, s.lost());
        assertEquals(100 + 7 + 3, s.packets());
        assertEquals(10L, mixer.counters().get("telephone-event"));
        RecordingMixer plain = new RecordingMixer(1, MixerConfig.defaults());
        short[] audioOnly = Sent.replay(plain, plain.openFlow(0, "a", "b"), Sent.tone(100, 440, 0, 0, 1)).channel(0);
        assertArrayEquals(audioOnly, got, "events add no audio");
    }

    @Test
    void end_packets_repeated_with_the_same_sequence_number_are_duplicates_of_one_event() throws IOException {
        // as SIPp's dtmf_2833_*.pcap send them: 8 packets, the last (E) one three times with one sequence number
        flow.formats(Map.of(101, new PayloadFormat(101, "TELEPHONE-EVENT", 8000)));
        for (int i = 0; i < 10; i++) {
            int k = Math.min(i, 7);
            byte[] p = event(8155 + k, 43200, 5, k == 7, k * 320);
            flow.packet(T0 + i * P, p, 0, p.length);
        }
        mixer.finish(new CapturingSink(1));
        StreamStats s = mixer.stats().get(0).get(0);
        assertEquals(List.of(new DtmfEvent("5", T0, 280)), s.dtmf());
        assertEquals(2, s.duplicates());
        assertEquals(8, s.packets());
        assertEquals(0, s.lost());
        assertEquals("TELEPHONE-EVENT", s.codec(), "no audio at all: the event type is all there is");
        assertFalse(s.decoded());
    }

    @Test
    void all_sixteen_dtmf_codes_map_to_digits() throws IOException {
        flow.formats(Map.of(96, new PayloadFormat(96, "TELEPHONE-EVENT", 8000)));
        for (int code = 0; code <= 16; code++) {
            byte[] p = RtpPacket.rtp().pt(96).seq(code).ts(code * 8000L).ssrc(SSRC)
                    .payload(new byte[] {(byte) code, (byte) 0x8A, 0x03, 0x20}).bytes();
            flow.packet(T0 + code * 1_000_000_000L, p, 0, p.length);
        }
        mixer.finish(new CapturingSink(1));
        List<String> digits = mixer.stats().get(0).get(0).dtmf().stream().map(DtmfEvent::digit).toList();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D",
                "event-16"), digits);
        assertEquals(100, mixer.stats().get(0).get(0).dtmf().get(0).durationMillis()); // 0x320 = 800 ticks
    }

    @Test
    void an_undecoded_codec_is_silence_with_its_name() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // G.729: 20 bytes per 20 ms
            sent.add(new Sent(T0 + i * P, RtpPacket.rtp().pt(18).seq(i).ts(i * SPP).ssrc(SSRC)
                    .payload(new byte[20]).bytes()));
        }
        CapturingSink sink = Sent.replay(mixer, flow, sent);
        StreamStats s = mixer.stats().get(0).get(0);
        assertEquals("G729", s.codec());
        assertFalse(s.decoded());
        assertEquals(100, s.packets());
        assertEquals(100 * SPP, sink.frames(), SPP);
        assertEquals(0, RecordingMixerScenarioTest.nonZero(sink.channel(0), 0, sink.frames()));
        assertEquals(100L, mixer.counters().get("undecoded"));
    }

    @Test
    void dynamic_types_are_named_from_sdp_or_by_number() throws IOException {
        RecordingMixer.Flow opus = mixer.openFlow(0, "o", "x");
        opus.formats(Map.of(111, new PayloadFormat(111, "opus", 48000)));
        RecordingMixer.Flow unknown = mixer.openFlow(0, "u", "x");
        RecordingMixer.Flow g722 = mixer.openFlow(0, "g", "x");
        for (int i = 0; i < 50; i++) {
            byte[] o = RtpPacket.rtp().pt(111).seq(i).ts(i * 960L).ssrc(1).payload(new byte[60]).bytes();
            byte[] u = RtpPacket.rtp().pt(97).seq(i).ts(i * 160L).ssrc(2).payload(new byte[33]).bytes();
            byte[] g = RtpPacket.rtp().pt(9).seq(i).ts(i * 160L).ssrc(3).payload(new byte[160]).bytes();
            opus.packet(T0 + i * P, o, 0, o.length);
            unknown.packet(T0 + i * P, u, 0, u.length);
            g722.packet(T0 + i * P, g, 0, g.length);
        }
        CapturingSink sink = new CapturingSink(1);
        mixer.finish(sink);
        List<StreamStats> streams = mixer.stats().get(0);
        assertEquals(List.of("OPUS", "PT-97", "G722"), streams.stream().map(StreamStats::codec).toList());
        assertTrue(streams.stream().noneMatch(StreamStats::decoded));
        assertEquals(50 * SPP, sink.frames(), SPP, "48 kHz timestamps scaled to 8 kHz");
    }

    @Test
    void comfort_noise_is_silence_and_counted() throws IOException {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            byte[] p = i >= 50 && i < 100 && i % 10 == 0 // RFC 3389: one SID now and then during silence
                    ? RtpPacket.rtp().pt(13).seq(i).ts(i * SPP).ssrc(SSRC).payload(new byte[] {40}).bytes()
                    : i >= 50 && i < 100 ? null : Tone.pcmuPacket(440, i, 0, 0, SSRC);
            if (p != null) {
                sent.add(new Sent(T0 + i * P, p));
            }
        }
        short[] got = Sent.replay(mixer, flow, sent).channel(0);
        assertEquals(5L, mixer.counters().get("comfort-noise"));
        assertEquals(150 * SPP, got.length);
        assertEquals(0, RecordingMixerScenarioTest.nonZero(got, 50 * SPP, 100 * SPP));
        assertTrue(RecordingMixerScenarioTest.nonZero(got, 100 * SPP, 101 * SPP) > 100);
        StreamStats s = mixer.stats().get(0).get(0);
        assertEquals("PCMU", s.codec());
        assertEquals(100 + 5, s.packets());
        assertEquals(45, s.lost(), "the sequence numbers skipped during DTX");
    }

    @Test
    void pcma_is_decoded() throws IOException {
        short[] pcm = Tone.sine(1000, 0, SPP);
        byte[] payload = new byte[SPP];
        for (int i = 0; i < SPP; i++) {
            payload[i] = (byte) G711Encoder.alaw(pcm[i]);
        }
        byte[] p = RtpPacket.rtp().pt(8).seq(1).ts(0).ssrc(SSRC).payload(payload).bytes();
        flow.packet(T0, p, 0, p.length);
        CapturingSink sink = new CapturingSink(1);
        mixer.finish(sink);
        short[] got = sink.channel(0);
        assertEquals(SPP, got.length);
        for (int i = 0; i < SPP; i++) {
            assertEquals(pcm[i], got[i], Math.abs(pcm[i]) / 16.0 + 8, "sample " + i);
        }
        assertEquals("PCMA", mixer.stats().get(0).get(0).codec());
    }

    @Test
    void two_streams_on_one_channel_sum_with_saturation() throws IOException {
        RecordingMixer.Flow other = mixer.openFlow(0, "second", "x");
        byte[] small = new byte[SPP];
        byte[] loud = new byte[SPP];
        java.util.Arrays.fill(small, (byte) 0xFE); // µ-law +8
        java.util.Arrays.fill(loud, (byte) 0x80); // µ-law +32124
        for (int i = 0; i < 10; i++) {
            byte[] a = RtpPacket.rtp().pt(0).seq(i).ts(i * SPP).ssrc(1).payload(i < 5 ? small : loud).bytes();
            byte[] b = RtpPacket.rtp().pt(0).seq(i).ts(i * SPP).ssrc(2).payload(i < 5 ? small : loud).bytes();
            flow.packet(T0 + i * P, a, 0, a.length);
            other.packet(T0 + i * P, b, 0, b.length);
        }
        CapturingSink sink = new CapturingSink(1);
        mixer.finish(sink);
        short[] got = sink.channel(0);
        assertEquals(10 * SPP, got.length);
        assertEquals(16, got[0]);
        assertEquals(16, got[5 * SPP - 1]);
        assertEquals(Short.MAX_VALUE, got[5 * SPP]);
        assertEquals(Short.MAX_VALUE, got[10 * SPP - 1]);
        assertEquals(2, mixer.stats().get(0).size());
    }

    @Test
    void the_same_ssrc_on_two_flows_is_two_streams() throws IOException {
        RecordingMixer.Flow other = mixer.openFlow(0, "198.51.100.9:30002", "198.51.100.8:40000");
        for (int i = 0; i < 20; i++) {
            byte[] a = Tone.pcmuPacket(440, i, 0, 0, SSRC);
            byte[] b = Tone.pcmuPacket(440, i, 0, 0, SSRC);
            flow.packet(T0 + i * P, a, 0, a.length);
            if (i >= 5) {
                other.packet(T0 + i * P + 1, b, 0, b.length);
            }
        }
        mixer.finish(new CapturingSink(1));
        List<StreamStats> streams = mixer.stats().get(0);
        assertEquals(List.of("198.51.100.7:30000", "198.51.100.9:30002"),
                streams.stream().map(StreamStats::src).toList());
        assertEquals(List.of(20L, 15L), streams.stream().map(StreamStats::packets).toList());
        assertEquals(List.of(0L, 0L), streams.stream().map(StreamStats::duplicates).toList());
    }

    @Test
    void the_codec_is_the_most_frequent_audio_type() throws IOException {
        flow.formats(Map.of(101, new PayloadFormat(101, "TELEPHONE-EVENT", 8000)));
        for (int i = 0; i < 100; i++) {
            int pt = i < 30 ? 0 : i < 70 ? 8 : 101; // 30 PCMU, 40 PCMA, 30 events
            byte[] payload = pt == 101 ? new byte[] {1, 0, 0, (byte) 160} : Tone.pcmuPayload(440, i);
            byte[] p = RtpPacket.rtp().pt(pt).seq(i).ts(i * SPP).ssrc(SSRC).payload(payload).bytes();
            flow.packet(T0 + i * P, p, 0, p.length);
        }
        mixer.finish(new CapturingSink(1));
        StreamStats s = mixer.stats().get(0).get(0);
        assertEquals("PCMA", s.codec());
        assertTrue(s.decoded());
    }

    @Test
    void narrowband_audio_in_a_16_khz_recording_keeps_pitch_and_length() throws IOException {
        RecordingMixer wide = new RecordingMixer(1, new MixerConfig(16000, 500, 1000, 10_000));
        CapturingSink sink = Sent.replay(wide, wide.openFlow(0, "a", "b"), Sent.tone(100, 440, 0, 0, SSRC));
        assertEquals(100 * 2 * SPP, sink.frames());
        short[] got = sink.channel(0);
        double at440 = org.shadowrec.rtp.testing.Goertzel.power(got, 3200, 16000, 440, 16000);
        double at880 = org.shadowrec.rtp.testing.Goertzel.power(got, 3200, 16000, 880, 16000);
        double at220 = org.shadowrec.rtp.testing.Goertzel.power(got, 3200, 16000, 220, 16000);
        assertTrue(at440 > 100 * at880 && at440 > 100 * at220, at440 + " " + at880 + " " + at220);
    }

    @Test
    void same_input_gives_the_same_samples() throws IOException {
        short[][] runs = new short[2][];
        for (int r = 0; r < 2; r++) {
            RecordingMixer m = new RecordingMixer(2, MixerConfig.defaults());
            RecordingMixer.Flow a = m.openFlow(0, "a", "x");
            RecordingMixer.Flow b = m.openFlow(1, "b", "x");
            CapturingSink sink = new CapturingSink(2);
            for (int i = 0; i < 300; i++) {
                byte[] pa = Tone.pcmuPacket(440, i, 10, 10, 1);
                byte[] pb = Tone.pcmuPacket(1000, i, 20, 20, 2);
                long t = T0 + i * P + (i * 7919L % 13) * 1_000_000L; // jitter
                a.packet(t, pa, 0, pa.length);
                b.packet(t + 3_333_333L, pb, 0, pb.length);
                m.advance(t, sink);
            }
            m.finish(sink);
            runs[r] = sink.interleaved();
        }
        assertArrayEquals(runs[0], runs[1]);
    }
}
