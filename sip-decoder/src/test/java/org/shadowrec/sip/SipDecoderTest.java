package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.sip.Fixtures.bytes;
import static org.shadowrec.sip.Fixtures.concat;
import static org.shadowrec.sip.Fixtures.crlf;
import static org.shadowrec.sip.Fixtures.parsed;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.sip.api.BodyPart;
import org.shadowrec.sip.api.Direction;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.RtpMap;
import org.shadowrec.sip.api.SessionDescription;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;

class SipDecoderTest {
    private final SipDecoder decoder = new SipDecoder(SipLimits.defaults());

    @Test
    void inviteWithSdpFillsEveryField() {
        byte[] msg = Fixtures.invite();
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));

        assertTrue(m.request());
        assertFalse(m.isResponse());
        assertEquals("INVITE", m.method());
        assertEquals("sip:bob@biloxi.com", m.requestUri());
        assertEquals(0, m.statusCode());
        assertNull(m.reasonPhrase());
        assertEquals("a84b4c76e66710@pc33.atlanta.com", m.callId());
        assertEquals(new NameAddr("Alice A", "sip:alice@atlanta.com", "alice", "atlanta.com", Map.of(), "1928301774"),
                m.from());
        assertEquals(new NameAddr("Bob", "sip:bob@biloxi.com", "bob", "biloxi.com", Map.of(), null), m.to());
        assertEquals(314159L, m.cseq());
        assertEquals("INVITE", m.cseqMethod());
        assertEquals("z9hG4bK776asdhds", m.topViaBranch());
        assertEquals(new NameAddr(null, "sip:alice@pc33.atlanta.com:5070;transport=udp", "alice",
                "pc33.atlanta.com:5070", Map.of("transport", "udp"), null), m.contact());

        byte[] sdpBytes = bytes(crlf(Fixtures.SDP));
        assertEquals(List.of(
                new SipHeader("Via", "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds"),
                new SipHeader("Max-Forwards", "70"),
                new SipHeader("To", "Bob <sip:bob@biloxi.com>"),
                new SipHeader("From", "\"Alice A\" <sip:alice@atlanta.com>;tag=1928301774"),
                new SipHeader("Call-ID", "a84b4c76e66710@pc33.atlanta.com"),
                new SipHeader("CSeq", "314159 INVITE"),
                new SipHeader("Contact", "<sip:alice@pc33.atlanta.com:5070;transport=udp>"),
                new SipHeader("Content-Type", "application/sdp"),
                new SipHeader("Content-Length", String.valueOf(sdpBytes.length))), m.headers());
        assertEquals("70", m.header("max-forwards"));
        assertArrayEquals(sdpBytes, m.body());

        assertEquals(1, m.bodyParts().size());
        BodyPart part = m.bodyParts().get(0);
        assertEquals("application/sdp", part.contentType());
        assertNull(part.contentDisposition());
        assertEquals(List.of(new SipHeader("Content-Type", "application/sdp")), part.headers());
        assertArrayEquals(sdpBytes, part.content());

        SessionDescription sdp = m.sdp();
        assertEquals("alice 2890844526 2890844526 IN IP4 pc33.atlanta.com", sdp.origin());
        assertEquals("10.0.0.5", sdp.connectionAddress());
        assertEquals(1, sdp.media().size());
        Map<Integer, RtpMap> maps = new LinkedHashMap<>();
        maps.put(0, new RtpMap(0, "PCMU", 8000, 1));
        maps.put(8, new RtpMap(8, "PCMA", 8000, 1));
        maps.put(101, new RtpMap(101, "TELEPHONE-EVENT", 8000, 1));
        assertEquals(new MediaDescription("audio", 49170, "RTP/AVP", List.of(0, 8, 101), "10.0.0.5",
                Direction.SENDRECV, maps, null, 20, 0), sdp.media().get(0));
        assertEquals(List.of(0, 8, 101), List.copyOf(sdp.media().get(0).rtpMaps().keySet()));

        assertEquals(Map.of("messages", 1L, "parsed", 1L), decoder.counters());
    }

    @Test
    void responseTakesMethodFromCSeq() {
        byte[] msg = bytes(crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bKnashds8;received=192.0.2.3
                To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
                From: Alice <sip:alice@atlanta.com>;tag=1928301774
                Call-ID: a84b4c76e66710
                Contact: <sip:bob@192.0.2.4>
                CSeq: 314159 INVITE
                Content-Length: 0

                """));
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertTrue(m.isResponse());
        assertEquals(180, m.statusCode());
        assertEquals("Ringing", m.reasonPhrase());
        assertEquals("INVITE", m.method());
        assertEquals("INVITE", m.cseqMethod());
        assertNull(m.requestUri());
        assertEquals("a6c85cf", m.to().tag());
        assertEquals("z9hG4bKnashds8", m.topViaBranch());
        assertEquals("192.0.2.4", m.contact().host());
        assertEquals(0, m.body().length);
        assertEquals(List.of(), m.bodyParts());
        assertNull(m.sdp());
    }

    @Test
    void responseWithSdpAndMultiWordReason() {
        byte[] msg = Fixtures.withBody("""
                SIP/2.0 200 OK all good
                v: SIP/2.0/TCP 10.0.0.9:5060;branch=z9hG4bKx1
                t: <sip:bob@biloxi.com>;tag=b1
                f: <sip:alice@atlanta.com>;tag=a1
                i: c1@host
                CSeq: 2 INVITE
                c: application/sdp
                """, crlf(Fixtures.SDP.replace("sendrecv", "recvonly")));
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals("OK all good", m.reasonPhrase());
        assertEquals(Direction.RECVONLY, m.sdp().media().get(0).direction());
    }

    @Test
    void compactFormsDecodeAndKeepTheirWireNames() {
        byte[] msg = bytes(crlf("""
                BYE sip:bob@192.0.2.4 SIP/2.0
                v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds10
                f: Alice <sip:alice@atlanta.com>;tag=1928301774
                t: Bob <sip:bob@biloxi.com>;tag=a6c85cf
                i: a84b4c76e66710
                CSeq: 231 BYE
                m: <sip:alice@pc33.atlanta.com>
                c: text/plain
                l: 5

                hello trailing bytes beyond Content-Length"""));
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals("BYE", m.method());
        assertEquals("a84b4c76e66710", m.callId());
        assertEquals("1928301774", m.from().tag());
        assertEquals("a6c85cf", m.to().tag());
        assertEquals("z9hG4bKnashds10", m.topViaBranch());
        assertEquals("sip:alice@pc33.atlanta.com", m.contact().uri());
        assertEquals("i", m.headers().get(3).name());
        assertEquals("a84b4c76e66710", m.header("Call-ID"));
        assertEquals("hello", new String(m.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("text/plain", m.bodyParts().get(0).contentType());
    }

    @Test
    void shortBodyKeepsWhatIsThere() {
        byte[] full = Fixtures.invite();
        byte[] msg = Arrays.copyOf(full, full.length - 30);
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        int bodyStart = indexOf(full, bytes("\r\n\r\n")) + 4;
        assertEquals(msg.length - bodyStart, m.body().length);
        assertEquals(1L, decoder.counters().get("short-body"));
        assertEquals(1L, decoder.counters().get("parsed"));
    }

    @Test
    void missingContentLengthOnADatagramRunsToTheEnd() {
        String text = crlf(Fixtures.INVITE_HEAD) + "\r\n" + crlf(Fixtures.SDP);
        byte[] msg = bytes(text);
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertArrayEquals(bytes(crlf(Fixtures.SDP)), m.body());
        assertEquals(49170, m.sdp().media().get(0).port());
    }

    @Test
    void bareLfLineEndsDecode() {
        byte[] msg = bytes(Fixtures.INVITE_HEAD + "Content-Length: 0\n\n");
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals("a84b4c76e66710@pc33.atlanta.com", m.callId());
    }

    @Test
    void bibFromKeepsUriParametersInOrder() {
        byte[] msg = bytes(crlf("""
                INVITE sip:2002@10.0.0.9 SIP/2.0
                Via: SIP/2.0/TCP 10.0.0.5:5060;branch=z9hG4bKbib1
                From: "Phone 1001" <sip:1001@10.0.0.5;x-nearend;x-refci=123;x-nearendclusterid=CL1>;tag=abc
                To: <sip:2002@10.0.0.9;x-farend;x-refci=124>
                Call-ID: bib-1@10.0.0.5
                CSeq: 101 INVITE
                Require: siprec
                Content-Length: 0

                """));
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        NameAddr from = m.from();
        assertEquals("Phone 1001", from.displayName());
        assertEquals("sip:1001@10.0.0.5;x-nearend;x-refci=123;x-nearendclusterid=CL1", from.uri());
        assertEquals("1001", from.user());
        assertEquals("10.0.0.5", from.host());
        assertEquals("abc", from.tag());
        assertEquals(List.of("x-nearend", "x-refci", "x-nearendclusterid"), List.copyOf(from.uriParams().keySet()));
        assertEquals("", from.uriParams().get("x-nearend"));
        assertEquals("123", from.uriParams().get("x-refci"));
        assertEquals("CL1", from.uriParams().get("x-nearendclusterid"));
        assertEquals("124", m.to().uriParams().get("x-refci"));
        assertEquals("", m.to().uriParams().get("x-farend"));
    }

    @Test
    void wildcardContactAndSipsUriWithPort() {
        byte[] msg = bytes(crlf("""
                REGISTER sips:registrar.example.com:5061 SIP/2.0
                Via: SIP/2.0/TLS 10.0.0.7:5061;branch=z9hG4bKreg
                From: <sips:1001@example.com>;tag=r1
                To: <sips:1001@example.com>
                Call-ID: reg-1
                CSeq: 7 REGISTER
                Contact: *
                Expires: 0
                Content-Length: 0

                """));
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals("sips:registrar.example.com:5061", m.requestUri());
        assertEquals("*", m.contact().uri());
        assertEquals("example.com", m.from().host());
        assertEquals("sips:1001@example.com", m.from().uri());
    }

    @Test
    void telUriAndLeadingEmptyLines() {
        byte[] msg = bytes(crlf("""


                INVITE tel:+15551234;phone-context=example.com SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKtel
                From: "Caller" <tel:+15550001;isub=12>;tag=t1
                To: tel:5552222
                Call-ID: tel-1
                CSeq: 1 INVITE
                Content-Length: 0

                """));
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals("+15550001", m.from().user());
        assertEquals("12", m.from().uriParams().get("isub"));
        assertEquals("t1", m.from().tag());
        assertNull(m.from().host());
        assertEquals("5552222", m.to().user());
        assertFalse(SipDecoder.looksLikeSip(msg, 0, msg.length), "the classifier check stays strict");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37})
    void decodesAtAnOffsetInsideALargerBufferWithTrailingJunk(int offset) {
        byte[] msg = Fixtures.invite();
        byte[] junk = bytes("JUNKJUNK\r\n\r\nINVITE garbage");
        byte[] buf = concat(new byte[offset], msg, junk);
        Arrays.fill(buf, 0, offset, (byte) 0);
        SipMessage m = parsed(decoder.decode(buf, offset, msg.length));
        SipMessage reference = parsed(new SipDecoder(SipLimits.defaults()).decode(msg, 0, msg.length));
        assertEquals(reference.headers(), m.headers());
        assertArrayEquals(reference.body(), m.body());
        assertEquals(reference.sdp(), m.sdp());
        assertEquals(reference.from(), m.from());

        // the same bytes with the junk counted in: Content-Length still bounds the body
        SipMessage withJunk = parsed(decoder.decode(buf, offset, msg.length + junk.length));
        assertArrayEquals(reference.body(), withJunk.body());
        assertTrue(SipDecoder.looksLikeSip(buf, offset, msg.length));
        assertFalse(offset > 0 && SipDecoder.looksLikeSip(buf, 0, msg.length), "NUL prefix is not a start line");
    }

    @Test
    void limitsGiveStableReasons() {
        SipDecoder small = new SipDecoder(new SipLimits(200, 5, 1, 1000));
        byte[] invite = Fixtures.invite();
        assertMalformed("too-large", small.decode(invite, 0, invite.length));

        SipDecoder fewHeaders = new SipDecoder(new SipLimits(65_535, 5, 16, 262_144));
        assertMalformed("too-many-headers", fewHeaders.decode(invite, 0, invite.length));

        Map<String, Long> c = fewHeaders.counters();
        assertEquals(1L, c.get("malformed-too-many-headers"));
        assertEquals(1L, c.get("malformed"));
        assertEquals(1L, small.counters().get("malformed-too-large"));
    }

    @Test
    void missingMandatoryHeadersAreMalformed() {
        String full = crlf(Fixtures.INVITE_HEAD) + "Content-Length: 0\r\n\r\n";
        assertMalformed("missing-call-id", decodeText(full.replaceAll("Call-ID: [^\r]*\r\n", "")));
        assertMalformed("missing-from", decodeText(full.replaceAll("From: [^\r]*\r\n", "")));
        assertMalformed("missing-to", decodeText(full.replaceAll("To: [^\r]*\r\n", "")));
        assertMalformed("missing-cseq", decodeText(full.replaceAll("CSeq: [^\r]*\r\n", "")));
        assertMalformed("missing-via", decodeText(full.replaceAll("Via: [^\r]*\r\n", "")));
        assertMalformed("cseq-method-mismatch", decodeText(full.replace("CSeq: 314159 INVITE", "CSeq: 314159 ACK")));
        assertMalformed("bad-content-length", decodeText(full.replace("Content-Length: 0", "Content-Length: -3")));
        assertMalformed("bad-start-line", decodeText("HELLO WORLD\r\n\r\n"));
        assertMalformed("bad-start-line", decodeText(""));
        assertMalformed("bad-header-line", decodeText(full.replace("Max-Forwards: 70", "Max-Forwards: 70\rjunk")));
        assertEquals(10L, decoder.counters().get("malformed"));
        assertEquals(2L, decoder.counters().get("malformed-bad-start-line"));
    }

    @Test
    void parameterBombIsRefusedCheaply() {
        String full = crlf(Fixtures.INVITE_HEAD) + "Content-Length: 0\r\n\r\n";
        String bomb = full.replace("<sip:alice@atlanta.com>", "<sip:alice@atlanta.com" + ";p".repeat(20_000) + ">");
        assertMalformed("too-many-parameters", decodeText(bomb));
        String fine = full.replace("<sip:alice@atlanta.com>", "<sip:alice@atlanta.com" + ";p".repeat(60) + ">");
        assertEquals(Map.of("p", ""), parsed(decodeText(fine)).from().uriParams());
    }

    @Test
    void onlyTheFirstViaAndContactValuesMatter() {
        String full = crlf(Fixtures.INVITE_HEAD) + "Content-Length: 0\r\n\r\n";
        String text = full
                .replace("branch=z9hG4bK776asdhds", "branch=z9hG4bKtop , SIP/2.0/UDP p2.example.com;branch=z9hG4bK2"
                        + ",SIP/2.0/UDP p3;branch=z9hG4bK3".repeat(2000))
                .replace("Contact: <sip:alice@pc33.atlanta.com:5070;transport=udp>",
                        "Contact: \"Doe, Jane\" <sip:jane@h1>;x=\"a,b\", <sip:second@h2>");
        SipMessage m = parsed(decodeText(text));
        assertEquals("z9hG4bKtop", m.topViaBranch());
        assertEquals("Doe, Jane", m.contact().displayName());
        assertEquals("jane", m.contact().user());
        assertEquals(text.substring(text.indexOf("Via: ") + 5, text.indexOf("\r\n", text.indexOf("Via: "))),
                m.header("Via"), "the header list keeps the whole value");
    }

    @Test
    void countersAreAnImmutableSnapshot() {
        byte[] msg = Fixtures.invite();
        decoder.decode(msg, 0, msg.length);
        Map<String, Long> before = decoder.counters();
        decoder.decode(msg, 0, 3);
        assertEquals(Map.of("messages", 1L, "parsed", 1L), before);
        assertEquals(2L, decoder.counters().get("messages"));
        assertEquals(1L, decoder.counters().get("malformed-bad-start-line"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> before.put("x", 1L));
    }

    @Test
    void badBoundsAreAValueNotAnException() {
        byte[] msg = Fixtures.invite();
        assertMalformed("bad-bounds", decoder.decode(msg, 5, msg.length));
        assertMalformed("bad-bounds", decoder.decode(msg, -1, 3));
        assertMalformed("bad-bounds", decoder.decode(null, 0, 0));
    }

    @Test
    void looksLikeSipAcceptsAnyTokenMethodAndResponses() {
        assertTrue(looks("INVITE sip:a@b SIP/2.0\r\n"));
        assertTrue(looks("X-MY.METHOD! sip:a@b SIP/2.0\n"));
        assertTrue(looks("SIP/2.0 200 OK\r\n"));
        assertTrue(looks("SIP/2.0 100 \r\n"));
        assertFalse(looks("SIP/2.0 2000 OK\r\n"));
        assertFalse(looks("SIP/2.0 20 OK\r\n"));
        assertFalse(looks("HTTP/1.1 200 OK\r\n"));
        assertFalse(looks("GET / HTTP/1.1\r\n"));
        assertFalse(looks("INVITE sip:a@b SIP/2.0"));
        assertFalse(looks("INVITE  sip:a@b SIP/2.0\r\n"));
        assertFalse(looks("INV(TE sip:a@b SIP/2.0\r\n"));
        assertFalse(looks("INVITE sip:a@b SIP/2.1\r\n"));
        assertFalse(looks("INVITE sip:a@b SIP/2.0\r"));
        assertFalse(looks("SIP/2.0 200 OK\r"));
        assertFalse(looks("SIP/2.0 200\rX"));
        assertTrue(looks("SIP/2.0 200\r\n"));
        assertFalse(looks(""));
        assertFalse(SipDecoder.looksLikeSip(new byte[4], 2, 5));
        assertFalse(SipDecoder.looksLikeSip(null, 0, 0));
        byte[] b = bytes("xxOPTIONS sip:a@b SIP/2.0\r\n");
        assertTrue(SipDecoder.looksLikeSip(b, 2, b.length - 2));
        assertFalse(SipDecoder.looksLikeSip(b, 2, 10));
    }

    private static boolean looks(String s) {
        byte[] b = bytes(s);
        return SipDecoder.looksLikeSip(b, 0, b.length);
    }

    private SipParseResult decodeText(String s) {
        byte[] b = bytes(s);
        return decoder.decode(b, 0, b.length);
    }

    static void assertMalformed(String reason, SipParseResult r) {
        SipParseResult.Malformed m = assertInstanceOf(SipParseResult.Malformed.class, r, () -> "expected " + reason + ": " + r);
        assertEquals(reason, m.reason(), () -> "detail: " + m.detail());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
