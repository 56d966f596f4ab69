package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipParseResult;
import org.shadowrec.sip.api.SipStreamFramer;

/**
 * 20,000 seeded random mutations (truncate, flip, insert junk, delete, duplicate, splice SIP punctuation) of valid
 * messages through decode() and the stream framer: nothing escapes, nothing is printed, every failure is a counted
 * Malformed value.
 */
class FuzzTest {
    private static final int ROUNDS = 20_000;
    private static final byte[] PUNCTUATION = bytes(":;,<>\"\\=@ \t\r\n%/?-0123456789");

    private static byte[] bytes(String s) {
        return Fixtures.bytes(s);
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Fixtures.invite());
        seeds.add(Fixtures.withBody("""
                INVITE sip:srs@10.0.0.100 SIP/2.0
                Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKf1
                From: <sip:1001@10.0.0.5;x-nearend;x-refci=123>;tag=a
                To: <sip:srs@10.0.0.100>
                Call-ID: f1@10.0.0.1
                CSeq: 1 INVITE
                Require: siprec
                Content-Type: multipart/mixed;boundary=b1
                """, "--b1\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n"
                + "<recording xmlns='urn:ietf:params:xml:ns:recording:1'/>\r\n--b1\r\nContent-Type: application/sdp\r\n\r\n"
                + Fixtures.crlf(Fixtures.SDP) + "--b1--\r\n"));
        for (String name : List.of("wsinv", "intmeth", "esc01", "mpart01", "unreason", "transports")) {
            seeds.add(TortureTest.message(name));
        }
        return seeds;
    }

    static byte[] mutate(byte[] in, SplittableRandom rnd) {
        byte[] b = in;
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b = Arrays.copyOf(b, at);
                case 1 -> {
                    b = b.clone();
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                case 2 -> {
                    byte[] junk = new byte[1 + rnd.nextInt(16)];
                    for (int i = 0; i < junk.length; i++) {
                        junk[i] = (byte) rnd.nextInt(256);
                    }
                    b = splice(b, at, at, junk);
                }
                case 3 -> b = splice(b, at, Math.min(b.length, at + 1 + rnd.nextInt(20)), new byte[0]);
                case 4 -> {
                    int end = Math.min(b.length, at + 1 + rnd.nextInt(40));
                    b = splice(b, at, at, Arrays.copyOfRange(b, at, end));
                }
                default -> {
                    b = b.clone();
                    b[at] = PUNCTUATION[rnd.nextInt(PUNCTUATION.length)];
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    @Test
    void mutationsNeverEscapeAndAreAllCounted(org.junit.jupiter.api.TestReporter reporter) {
        List<byte[]> seeds = seeds();
        SplittableRandom rnd = new SplittableRandom(4475);
        SipLimits limits = new SipLimits(65_535, 256, 16, 16_384);
        SipDecoder decoder = new SipDecoder(limits);
        SipStreamFramer framer = new SipStreamFramer(limits);
        SipStreamFramerTest.Collector sink = new SipStreamFramerTest.Collector();
        int malformed = 0;
        int parsed = 0;

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] msg = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                int pad = rnd.nextInt(3);
                byte[] buf = new byte[msg.length + 2 * pad];
                System.arraycopy(msg, 0, buf, pad, msg.length);
                SipParseResult r = decoder.decode(buf, pad, msg.length);
                assertNotNull(r);
                if (r instanceof SipParseResult.Malformed m) {
                    malformed++;
                    assertFalse(m.reason().isEmpty());
                    assertTrue(m.reason().matches("[a-z0-9-]+"), m.reason());
                    assertFalse(m.detail().chars().anyMatch(Character::isISOControl), m.detail());
                } else {
                    parsed++;
                }
                // the same bytes over a stream, cut at a random point
                int cut = rnd.nextInt(msg.length + 1);
                framer.feed(msg, 0, cut, sink);
                framer.feed(msg, cut, msg.length - cut, sink);
                assertTrue(framer.bufferedBytes() <= limits.maxStreamBufferBytes());
                if (rnd.nextInt(50) == 0) {
                    framer.reset();
                }
            }
            for (byte[] m : sink.messages) {
                assertNotNull(decoder.decode(m, 0, m.length));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertEquals("", printed.toString(java.nio.charset.StandardCharsets.UTF_8), "the parser printed something");
        Map<String, Long> c = decoder.counters();
        long total = ROUNDS + sink.messages.size();
        assertEquals(total, c.get("messages"));
        assertEquals(c.get("messages"), c.get("parsed") + c.get("malformed"));
        long byReason = c.entrySet().stream().filter(e -> e.getKey().startsWith("malformed-"))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(c.get("malformed"), byReason);
        assertTrue(malformed > ROUNDS / 10, "mutations should break many messages: " + c);
        assertTrue(parsed > ROUNDS / 20, "mutations should leave many messages readable: " + c);
        assertFalse(c.containsKey("malformed-internal-error"), "an exception escaped a component: " + c);
        publish(reporter, "decoder-counters", c.toString());
        publish(reporter, "framer-malformed", String.valueOf(sink.malformed.size()));
        assertTrue(sink.messages.size() > ROUNDS / 10, "the framer should still cut messages: " + sink.messages.size());
    }

    /** A report entry, also written to the test's redirected output file (target/surefire-reports/*-output.txt). */
    private static void publish(org.junit.jupiter.api.TestReporter reporter, String key, String value) {
        reporter.publishEntry(key, value);
        System.out.println(key + " = " + value);
    }
}
