package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;
import org.shadowrec.sip.api.SipStreamFramer;

/** RFC 4475 torture messages (src/test/resources/torture, outcomes in expected.txt). */
class TortureTest {

    static Stream<Arguments> cases() {
        String manifest = new String(Fixtures.resource("/torture/expected.txt"), StandardCharsets.UTF_8);
        List<Arguments> out = new ArrayList<>();
        for (String line : manifest.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.trim().split("\\s+");
            out.add(Arguments.of(cols[0], cols[1]));
        }
        return out.stream();
    }

    /** The fixture with CRLF line ends and @@LEN@@ replaced by the body length. */
    static byte[] message(String name) {
        String text = new String(Fixtures.resource("/torture/" + name + ".sip"), StandardCharsets.UTF_8);
        String crlf = Fixtures.crlf(text);
        int split = crlf.indexOf("\r\n\r\n");
        int bodyLen = split < 0 ? 0 : crlf.substring(split + 4).getBytes(StandardCharsets.UTF_8).length;
        String filled = crlf.replace("@@LEN@@", String.valueOf(bodyLen));
        StringBuilder b = new StringBuilder();
        int p = 0;
        for (int at = filled.indexOf("@@x", p); at >= 0; at = filled.indexOf("@@x", p)) {
            b.append(filled, p, at).append((char) Integer.parseInt(filled.substring(at + 3, at + 5), 16));
            p = at + 7;
        }
        return b.append(filled.substring(p)).toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void tortureMessage(String name, String expected) {
        byte[] msg = message(name);
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        SipParseResult r = decoder.decode(msg, 0, msg.length);
        if (expected.equals("parsed") || expected.equals("tolerated")) {
            assertInstanceOf(SipParseResult.Parsed.class, r, () -> name + ": " + r);
            assertEquals(1L, decoder.counters().get("parsed"));
        } else {
            String reason = expected.substring("malformed:".length());
            SipParseResult.Malformed m = assertInstanceOf(SipParseResult.Malformed.class, r, () -> name + ": " + r);
            assertEquals(reason, m.reason(), () -> name + ": " + m.detail());
            assertEquals(1L, decoder.counters().get("malformed-" + reason));
            assertFalse(m.detail().chars().anyMatch(Character::isISOControl), "detail has control characters");
        }
        // the same bytes over a stream never throw either, and leave at most one partial message
        SipStreamFramer framer = new SipStreamFramer(SipLimits.defaults());
        SipStreamFramerTest.Collector c = new SipStreamFramerTest.Collector();
        framer.feed(msg, 0, msg.length, c);
        assertTrue(framer.bufferedBytes() <= msg.length);
    }

    /** RFC 4475 §3.1.1.7 (longreq): very long values and many header fields; generated, as the RFC uses a repeat notation. */
    @Test
    void longRequest() {
        String user = "amazinglylongcallername".repeat(20);
        StringBuilder s = new StringBuilder("INVITE sip:user@example.com SIP/2.0\r\n");
        s.append("To: \"I have a user name of ").append("extreme".repeat(10)).append(" proportion\" <sip:user@example.com:6000;")
                .append("unknownparam=").append("verylong".repeat(20)).append(";longparam").append("x".repeat(200))
                .append(">\r\n");
        s.append("From: sip:").append(user).append("@example.net;tag=12").append("982".repeat(30)).append("\r\n");
        s.append("Call-ID: longreq.one").append("really".repeat(30)).append("longcallid\r\n");
        s.append("CSeq: 3882340 INVITE\r\n");
        for (int i = 0; i < 40; i++) {
            s.append("Via: SIP/2.0/TCP sip").append(i).append(".example.com:5060;branch=z9hG4bK").append(i)
                    .append("a".repeat(100)).append("\r\n");
        }
        s.append("Contact: <sip:").append(user).append("@host5.example.net>\r\n");
        s.append("X-Long: ").append("value".repeat(2000)).append("\r\n");
        s.append("Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        byte[] msg = s.toString().getBytes(StandardCharsets.UTF_8);
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        SipMessage m = Fixtures.parsed(decoder.decode(msg, 0, msg.length));
        assertEquals(user, m.from().user());
        assertEquals("z9hG4bK0" + "a".repeat(100), m.topViaBranch());
        assertEquals(48, m.headers().size());
        assertEquals(10_000, m.header("X-Long").length());
    }

    @Test
    void detailsOfSelectedValidMessages() {
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        byte[] ws = message("wsinv");
        SipMessage w = Fixtures.parsed(decoder.decode(ws, 0, ws.length));
        assertEquals("wsinv.ndaksdj@192.0.2.1", w.callId());
        assertEquals(9L, w.cseq());
        assertEquals("INVITE", w.cseqMethod());
        assertEquals("98asjd8", w.from().tag());
        assertEquals("1918181833n", w.to().tag());
        assertEquals("390skdjuw", w.topViaBranch());
        assertEquals("newfangled value continued newfangled value", w.header("NewFangledHeader"));
        assertEquals(2, w.sdp().media().size());
        assertEquals(3227, w.sdp().media().get(1).port());

        byte[] im = message("intmeth");
        SipMessage i = Fixtures.parsed(decoder.decode(im, 0, im.length));
        assertEquals("!interesting-Method0123456789_*+`.%indeed'~", i.method());

        byte[] dbl = message("dblreq");
        SipMessage d = Fixtures.parsed(decoder.decode(dbl, 0, dbl.length));
        assertEquals("REGISTER", d.method());
        assertEquals(0, d.body().length);

        byte[] mp = message("mpart01");
        SipMessage p = Fixtures.parsed(decoder.decode(mp, 0, mp.length));
        assertEquals(2, p.bodyParts().size());
        assertEquals("text/plain", p.bodyParts().get(0).contentType());
        assertEquals("Hello", new String(p.bodyParts().get(0).content(), StandardCharsets.UTF_8));
        assertEquals("application/octet-stream", p.bodyParts().get(1).contentType());

        byte[] ur = message("unreason");
        SipMessage u = Fixtures.parsed(decoder.decode(ur, 0, ur.length));
        assertEquals("= 2**3 * 5**2 но сто девяносто девять - простое", u.reasonPhrase());

        byte[] ba = message("badaspec");
        assertEquals("sip:t.watson@example.org", Fixtures.parsed(decoder.decode(ba, 0, ba.length)).to().uri());

        byte[] cp = message("cparam01");
        SipMessage c1 = Fixtures.parsed(decoder.decode(cp, 0, cp.length));
        assertEquals("+19725552222", c1.contact().user());

        byte[] cl = message("clerr");
        SipMessage e = Fixtures.parsed(decoder.decode(cl, 0, cl.length));
        assertTrue(e.body().length > 0 && e.body().length < 9999);
        assertEquals(2, e.sdp().media().size());
    }
}
