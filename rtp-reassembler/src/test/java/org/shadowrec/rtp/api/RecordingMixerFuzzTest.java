package org.shadowrec.rtp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.rtp.testing.Sent.T0;

import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.testing.CapturingSink;
import org.shadowrec.rtp.testing.RtpPacket;
import org.shadowrec.rtp.testing.Tone;

/** 20,000 random, truncated and bit-flipped datagrams: nothing throws, everything is counted. */
class RecordingMixerFuzzTest {

    static final int ROUNDS = 20_000;

    @Test
    void random_and_truncated_payloads_never_throw_and_are_all_counted() throws IOException {
        Random random = new Random(0x5EED_F022L);
        RecordingMixer mixer = new RecordingMixer(2, MixerConfig.defaults());
        RecordingMixer.Flow[] flows = {mixer.openFlow(0, "a", "x"), mixer.openFlow(1, "b", "x"),
            mixer.openFlow(1, "c", "x")};
        flows[2].formats(Map.of(101, new PayloadFormat(101, "TELEPHONE-EVENT", 8000),
                13, new PayloadFormat(13, "CN", 8000), 96, new PayloadFormat(96, "PCMA", 16000)));
        CapturingSink sink = new CapturingSink(2);
        long rejected = 0;
        long badBounds = 0;
        long now = T0;
        for (int i = 0; i < ROUNDS; i++) {
            now += random.nextInt(40_000_000) - 10_000_000; // time mostly forward, sometimes back
            byte[] packet = packet(random, i);
            int off = random.nextInt(4) == 0 ? random.nextInt(40) : 0;
            byte[] buf = RtpPacket.embed(packet, off, random.nextInt(16));
            int len = packet.length;
            if (random.nextInt(50) == 0) { // a caller bug: bounds outside the buffer
                len = buf.length - off + 1 + random.nextInt(5);
                badBounds++;
            }
            RecordingMixer.Flow flow = flows[random.nextInt(flows.length)];
            if (!flow.packet(now, buf, off, len)) {
                rejected++;
            }
            if (random.nextInt(10) == 0) {
                mixer.advance(now, sink);
            }
        }
        mixer.finish(sink);

        Map<String, Long> c = mixer.counters();
        assertEquals(ROUNDS, c.get("rtp") + c.get("not-rtp") + c.get("rtcp"), c.toString());
        assertEquals(rejected, c.get("not-rtp") + c.get("rtcp"));
        long reasons = c.entrySet().stream().filter(e -> e.getKey().startsWith("not-rtp-"))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(c.get("not-rtp"), reasons);
        assertEquals(badBounds, c.get("not-rtp-bad-bounds"));
        assertTrue(c.get("rtp") > 5_000, "the generator produced enough valid RTP: " + c);
        assertTrue(c.get("not-rtp") > 2_000, c.toString());
        assertTrue(c.get("decoded") > 1_000, c.toString());
        assertEquals(sink.frames(), mixer.framesWritten());
        long streams = mixer.stats().stream().mapToLong(java.util.List::size).sum();
        assertEquals(c.get("new-stream"), streams);
        assertTrue(streams <= 3 * 32, "streams per flow are bounded: " + streams);
    }

    /** One datagram of one of five kinds. */
    static byte[] packet(Random random, int i) {
        byte[] valid = RtpPacket.rtp().pt(pick(random, 0, 8, 13, 18, 101, 96, 127)).seq(random.nextInt(65536))
                .ts(random.nextLong()).ssrc(random.nextInt(4)).payload(Tone.pcmuPayload(440, i % 50)).bytes();
        switch (random.nextInt(5)) {
            case 0 -> { // noise
                byte[] b = new byte[random.nextInt(300)];
                random.nextBytes(b);
                return b;
            }
            case 1 -> { // truncated anywhere
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            }
            case 2 -> { // version 2, random flags (CC, X, P) and random header words
                byte[] b = new byte[random.nextInt(80)];
                random.nextBytes(b);
                if (b.length > 0) {
                    b[0] = (byte) (0x80 | (b[0] & 0x3F));
                }
                return b;
            }
            case 3 -> { // a few flipped bits in a valid packet
                for (int k = random.nextInt(4); k >= 0; k--) {
                    valid[random.nextInt(valid.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return valid;
            }
            default -> {
                return valid;
            }
        }
    }

    static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
