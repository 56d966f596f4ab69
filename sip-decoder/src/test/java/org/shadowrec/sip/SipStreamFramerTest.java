package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.sip.Fixtures.bytes;
import static org.shadowrec.sip.Fixtures.concat;
import static org.shadowrec.sip.Fixtures.crlf;
import static org.shadowrec.sip.Fixtures.parsed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipStreamFramer;

class SipStreamFramerTest {
    private SipStreamFramer framer = new SipStreamFramer(SipLimits.defaults());
    private final Collector out = new Collector();

    /** Collects what a framer emits, copying message slices. */
    static final class Collector implements SipStreamFramer.Sink {
        final List<byte[]> messages = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();

        @Override
        public void message(byte[] buf, int off, int len) {
            messages.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void malformed(String reason, String detail) {
            malformed.add(reason);
        }
    }

    @AfterEach
    void nothingLeftOver() {
        assertEquals(0, framer.bufferedBytes(), "bytes left in the framer");
    }

    @Test
    void inviteSplitAtEveryBytePosition() {
        byte[] msg = Fixtures.invite();
        for (int cut = 0; cut <= msg.length; cut++) {
            Collector c = new Collector();
            framer.feed(msg, 0, cut, c);
            framer.feed(msg, cut, msg.length - cut, c);
            assertEquals(1, c.messages.size(), "cut at " + cut);
            assertArrayEquals(msg, c.messages.get(0), "cut at " + cut);
            assertEquals(List.of(), c.malformed, "cut at " + cut);
            assertEquals(0, framer.bufferedBytes(), "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] msg = concat(Fixtures.invite(), Fixtures.invite());
        for (int i = 0; i < msg.length; i++) {
            framer.feed(msg, i, 1, out);
        }
        assertEquals(2, out.messages.size());
        assertArrayEquals(Fixtures.invite(), out.messages.get(1));
    }

    @Test
    void twoMessagesInOneFeedAtAnOffset() {
        byte[] a = Fixtures.invite();
        byte[] b = bytes(crlf("""
                SIP/2.0 100 Trying
                Via: SIP/2.0/TCP 10.0.0.1;branch=z9hG4bK1
                From: <sip:a@b>;tag=1
                To: <sip:c@d>
                Call-ID: x
                CSeq: 1 INVITE
                l: 0

                """));
        byte[] buf = concat(bytes("0123456789"), a, b, bytes("tail"));
        framer.feed(buf, 10, a.length + b.length, out);
        assertEquals(2, out.messages.size());
        assertArrayEquals(a, out.messages.get(0));
        assertArrayEquals(b, out.messages.get(1));
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        assertEquals(100, parsed(decoder.decode(out.messages.get(1), 0, out.messages.get(1).length)).statusCode());
    }

    @Test
    void keepAlivesAreSkipped() {
        byte[] msg = Fixtures.invite();
        framer.feed(bytes("\r\n\r\n"), 0, 4, out);
        framer.feed(bytes("\r\n"), 0, 2, out);
        byte[] buf = concat(bytes("\r\n\r\n"), msg, bytes("\r\n\r\n\r\n"), msg, bytes("\r\n"));
        framer.feed(buf, 0, buf.length, out);
        assertEquals(2, out.messages.size());
        assertArrayEquals(msg, out.messages.get(1));
        assertEquals(List.of(), out.malformed);
    }

    @Test
    void missingContentLengthMeansNoBodyAndLfLfIsTolerated() {
        byte[] noCl = bytes("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK2\nCall-ID: y\n\n");
        byte[] msg = Fixtures.invite();
        framer.feed(concat(noCl, msg), 0, noCl.length + msg.length, out);
        assertEquals(2, out.messages.size());
        assertArrayEquals(noCl, out.messages.get(0));
        assertArrayEquals(msg, out.messages.get(1));
    }

    @Test
    void garbageThenAValidMessageResynchronises() {
        byte[] msg = Fixtures.invite();
        byte[] junk = bytes("\u0001\u0002binary junk\r\nmore junk line\r\nHTTP/1.1 200 OK\r\n\r\n");
        byte[] buf = concat(junk, msg);
        framer.feed(buf, 0, buf.length, out);
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
        assertEquals(List.of("garbage"), out.malformed, "one report per garbage run");
    }

    @Test
    void garbageSplitAcrossFeedsThenMessage() {
        byte[] msg = Fixtures.invite();
        byte[] buf = concat(bytes("not sip at all, no line end yet"), bytes(" still junk\r\n"), msg);
        for (int i = 0; i < buf.length; i += 7) {
            framer.feed(buf, i, Math.min(7, buf.length - i), out);
        }
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
        assertTrue(out.malformed.size() >= 1 && out.malformed.stream().allMatch("garbage"::equals), out.malformed.toString());
    }

    @Test
    void overflowIsReportedAndTheFramerRecovers() {
        framer = new SipStreamFramer(new SipLimits(2000, 256, 16, 1024));
        // a start line and endless header lines: no empty line ever comes within the buffer bound
        StringBuilder s = new StringBuilder("INVITE sip:a@b SIP/2.0\r\n");
        while (s.length() < 3000) {
            s.append("X-Filler: 0123456789012345678901234567890123456789\r\n");
        }
        byte[] endless = bytes(s.toString());
        framer.feed(endless, 0, endless.length, out);
        assertTrue(out.malformed.contains("stream-overflow") || out.malformed.contains("too-large"), out.malformed.toString());
        assertTrue(framer.bufferedBytes() <= 1024);
        byte[] tail = concat(bytes("\r\n"), Fixtures.invite());
        framer.feed(tail, 0, tail.length, out);
        assertEquals(1, out.messages.size());
        assertArrayEquals(Fixtures.invite(), out.messages.get(0));
    }

    @Test
    void bufferNeverExceedsItsBound() {
        framer = new SipStreamFramer(new SipLimits(65_535, 256, 16, 512));
        byte[] line = bytes("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        for (int i = 0; i < 100; i++) {
            framer.feed(line, 0, line.length, out);
            assertTrue(framer.bufferedBytes() <= 512);
        }
        assertEquals(List.of("stream-overflow"), out.malformed, "reported once, then discarded silently");
        framer.reset();
    }

    @Test
    void oversizedMessageIsSkippedByItsContentLength() {
        framer = new SipStreamFramer(new SipLimits(600, 256, 16, 4096));
        byte[] big = Fixtures.withBody(Fixtures.INVITE_HEAD, "x".repeat(1500));
        byte[] msg = bytes(crlf("""
                BYE sip:a@b SIP/2.0
                Via: SIP/2.0/TCP h;branch=z9hG4bK3
                Content-Length: 0

                """));
        byte[] buf = concat(big, msg);
        for (int i = 0; i < buf.length; i += 100) {
            framer.feed(buf, i, Math.min(100, buf.length - i), out);
        }
        assertEquals(List.of("too-large"), out.malformed);
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
    }

    @Test
    void badContentLengthResynchronises() {
        byte[] bad = bytes("INVITE sip:a@b SIP/2.0\r\nContent-Length: ten\r\n\r\n0123456789\r\n");
        byte[] msg = Fixtures.invite();
        byte[] buf = concat(bad, msg);
        framer.feed(buf, 0, buf.length, out);
        assertEquals(List.of("bad-content-length"), out.malformed);
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
    }

    @Test
    void resetAfterAGapDropsThePartialMessage() {
        byte[] msg = Fixtures.invite();
        framer.feed(msg, 0, 100, out);
        assertEquals(100, framer.bufferedBytes());
        framer.reset();
        assertEquals(0, framer.bufferedBytes());
        // the stream resumes mid-message (after the gap), then a full message follows
        byte[] buf = concat(Arrays.copyOfRange(msg, 300, msg.length), msg);
        framer.feed(buf, 0, buf.length, out);
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
    }

    @Test
    void resyncFindsAStartLineGluedToTheEndOfAnUnterminatedBody() {
        // after a gap the stream resumes inside an rs-metadata body that has no final line end
        byte[] msg = Fixtures.invite();
        byte[] buf = concat(bytes("tadata>\r\n</recording>"), msg);
        framer.reset();
        framer.feed(buf, 0, buf.length, out);
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
        assertEquals(List.of("garbage"), out.malformed);
    }

    @Test
    void resyncPrefersAKnownMethodAtTheEndOfATokenRun() {
        byte[] prack = bytes(crlf("""
                PRACK sip:a@b SIP/2.0
                Via: SIP/2.0/TCP h;branch=z9hG4bK9
                Content-Length: 0

                """));
        byte[] status = bytes(crlf("""
                SIP/2.0 200 OK
                Via: SIP/2.0/TCP h;branch=z9hG4bK9
                Content-Length: 0

                """));
        byte[] buf = concat(bytes("\u0000junk-token"), prack, bytes("\u0001more junkjunk"), status);
        // byte by byte: the resync must also work while the start line is still incomplete
        for (int i = 0; i < buf.length; i++) {
            framer.feed(buf, i, 1, out);
        }
        assertEquals(2, out.messages.size());
        assertArrayEquals(prack, out.messages.get(0));
        assertArrayEquals(status, out.messages.get(1));
        assertEquals(List.of("garbage", "garbage"), out.malformed);
    }

    @Test
    void largeMessageTrickledByteByByteIsCutOnce() {
        // 60 kB body fed one byte per call: header end and Content-Length are found once, not rescanned per byte
        byte[] msg = Fixtures.withBody(Fixtures.INVITE_HEAD.replace("application/sdp", "text/plain"), "y".repeat(60_000));
        for (int i = 0; i < msg.length; i++) {
            framer.feed(msg, i, 1, out);
        }
        assertEquals(1, out.messages.size());
        assertArrayEquals(msg, out.messages.get(0));
    }
}
