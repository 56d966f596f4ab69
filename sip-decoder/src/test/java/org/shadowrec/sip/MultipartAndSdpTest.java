package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.sip.Fixtures.bytes;
import static org.shadowrec.sip.Fixtures.crlf;
import static org.shadowrec.sip.Fixtures.parsed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.BodyPart;
import org.shadowrec.sip.api.Direction;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.RtpMap;
import org.shadowrec.sip.api.SessionDescription;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;

class MultipartAndSdpTest {
    private final SipDecoder decoder = new SipDecoder(SipLimits.defaults());

    private static final String SIPREC_HEAD = """
            INVITE sip:recorder@10.0.0.100;transport=tcp SIP/2.0
            Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKsrs1
            From: <sip:srs-client@10.0.0.1>;tag=35e195d2
            To: <sip:recorder@10.0.0.100>
            Call-ID: siprec-1@10.0.0.1
            CSeq: 101 INVITE
            Max-Forwards: 70
            Require: siprec
            Accept: application/sdp, application/rs-metadata, application/rs-metadata-request
            Contact: <sip:srs-client@10.0.0.1>;+sip.src
            Content-Type: multipart/mixed;boundary=foobar
            """;

    private static final String METADATA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns='urn:ietf:params:xml:ns:recording:1'>
              <datamode>complete</datamode>
              <session session_id="hVpd7YQgRW2nD22h7q60JQ==">
                <sipSessionID>ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2</sipSessionID>
              </session>
            </recording>
            """;

    private static final String SRS_SDP = """
            v=0
            o=SRS 2890844526 2890844527 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            t=0 0
            m=audio 36000 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=label:1
            a=sendonly
            m=audio 36002 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=label:2
            a=sendonly
            """;

    /** RFC 7866 §6.1-style SIPREC INVITE: rs-metadata part FIRST, SDP second, closing delimiter without "--". */
    @Test
    void siprecInviteWithMetadataFirstAndMissingClosingDashes() {
        String body = "preamble to ignore\r\n"
                + "--foobar\r\n"
                + "Content-Type: application/rs-metadata+xml\r\n"
                + "Content-Disposition: recording-session\r\n"
                + "Content-ID: <meta@10.0.0.1>\r\n"
                + "\r\n"
                + crlf(METADATA)
                + "\r\n--foobar\r\n"
                + "Content-Type: application/sdp\r\n"
                + "\r\n"
                + crlf(SRS_SDP)
                + "\r\n--foobar\r\n";
        byte[] msg = Fixtures.withBody(SIPREC_HEAD, body);
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));

        assertEquals("siprec", m.header("Require"));
        assertEquals(2, m.bodyParts().size());
        BodyPart meta = m.bodyParts().get(0);
        assertEquals("application/rs-metadata+xml", meta.contentType());
        assertEquals("recording-session", meta.contentDisposition());
        assertEquals(List.of(new SipHeader("Content-Type", "application/rs-metadata+xml"),
                new SipHeader("Content-Disposition", "recording-session"),
                new SipHeader("Content-ID", "<meta@10.0.0.1>")), meta.headers());
        assertEquals(crlf(METADATA), new String(meta.content(), StandardCharsets.UTF_8));

        BodyPart sdpPart = m.bodyParts().get(1);
        assertEquals("application/sdp", sdpPart.contentType());
        assertNull(sdpPart.contentDisposition());
        assertEquals(crlf(SRS_SDP), new String(sdpPart.content(), StandardCharsets.UTF_8));

        SessionDescription sdp = m.sdp();
        assertEquals(2, sdp.media().size());
        assertEquals("1", sdp.media().get(0).label());
        assertEquals("2", sdp.media().get(1).label());
        assertEquals(36002, sdp.media().get(1).port());
        assertEquals(Direction.SENDONLY, sdp.media().get(1).direction());
        assertEquals("10.0.0.1", sdp.media().get(1).connectionAddress());
    }

    @Test
    void quotedBoundaryBareLfAndNoClosingDelimiterAtAll() {
        String head = SIPREC_HEAD.replace("multipart/mixed;boundary=foobar",
                "multipart/mixed; boundary=\"unique;boundary-1\"");
        String body = "--unique;boundary-1\n"
                + "Content-Type: application/sdp\n"
                + "\n"
                + SRS_SDP
                + "\n--unique;boundary-1\n"
                + "Content-Type: application/rs-metadata+xml\n"
                + "Content-Disposition: recording-session;handling=required\n"
                + "\n"
                + METADATA;
        byte[] msg = Fixtures.withBody(head, body);
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals(2, m.bodyParts().size());
        assertEquals(SRS_SDP, new String(m.bodyParts().get(0).content(), StandardCharsets.UTF_8));
        assertEquals("recording-session", m.bodyParts().get(1).contentDisposition());
        // no closing delimiter: the last part runs to the end of the body (its final line end trimmed)
        assertEquals(METADATA.substring(0, METADATA.length() - 1),
                new String(m.bodyParts().get(1).content(), StandardCharsets.UTF_8));
        assertEquals(2, m.sdp().media().size());
    }

    @Test
    void closingDelimiterAndEpilogueAreHonoured() {
        String body = "--foobar\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--foobar--\r\nepilogue\r\n--foobar\r\n"
                + "Content-Type: text/plain\r\n\r\nnot a part\r\n";
        byte[] msg = Fixtures.withBody(SIPREC_HEAD, body);
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals(1, m.bodyParts().size());
        assertEquals("first", new String(m.bodyParts().get(0).content(), StandardCharsets.UTF_8));
        assertNull(m.sdp());
    }

    @Test
    void tooManyPartsIsMalformed() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append("--foobar\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        body.append("--foobar--\r\n");
        byte[] msg = Fixtures.withBody(SIPREC_HEAD, body.toString());
        SipDecoder few = new SipDecoder(new SipLimits(65_535, 256, 4, 262_144));
        SipDecoderTest.assertMalformed("too-many-body-parts", few.decode(msg, 0, msg.length));
        assertEquals(5, parsed(decoder.decode(msg, 0, msg.length)).bodyParts().size());
    }

    @Test
    void multipartWithoutBoundaryStillDecodesAsOnePart() {
        String head = SIPREC_HEAD.replace(";boundary=foobar", "");
        byte[] msg = Fixtures.withBody(head, "--x\r\n\r\nabc\r\n--x--\r\n");
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals(1, m.bodyParts().size());
        assertEquals("multipart/mixed", m.bodyParts().get(0).contentType());
        assertEquals(1L, decoder.counters().get("multipart-unparsable"));
    }

    @Test
    void twoMediaSessionVersusMediaConnectionIpv6AndDirections() {
        SessionDescription sdp = sdpOf("""
                v=0
                o=- 1 1 IN IP6 2001:db8::1
                s=-
                c=IN IP6 2001:db8::1
                t=0 0
                a=recvonly
                m=audio 5004 RTP/AVP 0 9 18
                a=ptime:30
                m=audio 5006/2 RTP/SAVP 96 13
                c=IN IP4 224.2.1.1/127/3
                a=rtpmap:96 opus/48000/2
                a=rtcp:5011 IN IP4 224.2.1.1
                a=inactive
                m=video 0 RTP/AVP 31
                """);
        assertEquals("2001:db8::1", sdp.connectionAddress());
        assertEquals(3, sdp.media().size());
        MediaDescription a = sdp.media().get(0);
        assertEquals("2001:db8::1", a.connectionAddress());
        assertEquals(Direction.RECVONLY, a.direction());
        assertEquals(new RtpMap(9, "G722", 8000, 1), a.rtpMaps().get(9));
        assertEquals(new RtpMap(18, "G729", 8000, 1), a.rtpMaps().get(18));
        assertEquals(new RtpMap(0, "PCMU", 8000, 1), a.rtpMaps().get(0));
        assertEquals(30, a.ptime());
        assertEquals(0, a.rtcpPort());
        MediaDescription b = sdp.media().get(1);
        assertEquals(5006, b.port());
        assertEquals("RTP/SAVP", b.proto());
        assertEquals("224.2.1.1", b.connectionAddress());
        assertEquals(Direction.INACTIVE, b.direction());
        assertEquals(new RtpMap(96, "OPUS", 48000, 2), b.rtpMaps().get(96));
        assertEquals(new RtpMap(13, "CN", 8000, 1), b.rtpMaps().get(13));
        assertEquals(5011, b.rtcpPort());
        assertEquals(0, b.ptime());
        MediaDescription v = sdp.media().get(2);
        assertEquals(0, v.port());
        assertEquals("video", v.media());
        assertEquals(new RtpMap(31, "H261", 90000, 1), v.rtpMaps().get(31));
    }

    @Test
    void staticDefaultsAndDynamicWithoutRtpmap() {
        SessionDescription sdp = sdpOf("v=0\nm=audio 4000 RTP/AVP 3 4 8 97\nc=IN IP4 192.0.2.7\n");
        MediaDescription m = sdp.media().get(0);
        assertEquals(List.of(3, 4, 8, 97), m.payloadTypes());
        assertEquals(new RtpMap(3, "GSM", 8000, 1), m.rtpMaps().get(3));
        assertEquals(new RtpMap(4, "G723", 8000, 1), m.rtpMaps().get(4));
        assertEquals(new RtpMap(8, "PCMA", 8000, 1), m.rtpMaps().get(8));
        assertNull(m.rtpMaps().get(97));
        assertEquals("192.0.2.7", m.connectionAddress());
        assertNull(sdp.connectionAddress());
        assertEquals(Direction.SENDRECV, m.direction());
    }

    @Test
    void explicitRtpmapOverridesStaticDefault() {
        SessionDescription sdp = sdpOf("v=0\r\nm=audio 4000 RTP/AVP 9\r\na=rtpmap:9 g722/8000\r\n");
        assertEquals(new RtpMap(9, "G722", 8000, 1), sdp.media().get(0).rtpMaps().get(9));
    }

    @Test
    void unparsableSdpGivesNullButTheMessageDecodes() {
        byte[] msg = Fixtures.withBody(Fixtures.INVITE_HEAD, "this is not sdp\r\n");
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertNull(m.sdp());
        assertEquals(1, m.bodyParts().size());
        byte[] msg2 = Fixtures.withBody(Fixtures.INVITE_HEAD, "v=0\r\nm=audio notaport RTP/AVP 0\r\n");
        assertNull(parsed(decoder.decode(msg2, 0, msg2.length)).sdp());
        assertEquals(2L, decoder.counters().get("sdp-unparsable"));
        assertEquals(2L, decoder.counters().get("parsed"));
    }

    @Test
    void firstOfSeveralSdpPartsWins() {
        String body = "--foobar\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 1000 RTP/AVP 0\r\n"
                + "--foobar\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 2000 RTP/AVP 8\r\n--foobar--";
        SipMessage m = parsed(decoder.decode(Fixtures.withBody(SIPREC_HEAD, body), 0,
                Fixtures.withBody(SIPREC_HEAD, body).length));
        assertEquals(1000, m.sdp().media().get(0).port());
        assertTrue(m.bodyParts().stream().allMatch(p -> p.contentType().equals("application/sdp")));

        // the first SDP part decides, even when a later one would parse; every unparsable one is counted
        String bad = "--foobar\r\nContent-Type: application/sdp\r\n\r\nnot sdp\r\n"
                + "--foobar\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 2000 RTP/AVP 8\r\n--foobar--";
        byte[] msg = Fixtures.withBody(SIPREC_HEAD, bad);
        assertNull(parsed(decoder.decode(msg, 0, msg.length)).sdp());
        assertEquals(1L, decoder.counters().get("sdp-unparsable"));
    }

    @Test
    void nestedMultipartIsFlattenedAndAPartWithoutHeadersIsTextPlain() {
        String body = "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nm=audio 7000 RTP/AVP 8\r\n"
                + "--inner--\r\n"
                + "--outer\r\n\r\nno headers here\r\n"
                + "--outer--\r\n";
        byte[] msg = Fixtures.withBody(SIPREC_HEAD.replace("boundary=foobar", "boundary=outer"), body);
        SipMessage m = parsed(decoder.decode(msg, 0, msg.length));
        assertEquals(List.of("application/sdp", "text/plain"),
                m.bodyParts().stream().map(BodyPart::contentType).toList());
        assertEquals("no headers here", new String(m.bodyParts().get(1).content(), StandardCharsets.UTF_8));
        assertEquals(List.of(), m.bodyParts().get(1).headers());
        assertEquals(7000, m.sdp().media().get(0).port());
        assertEquals(new RtpMap(8, "PCMA", 8000, 1), m.sdp().media().get(0).rtpMaps().get(8));
    }

    private SessionDescription sdpOf(String sdpText) {
        byte[] msg = Fixtures.withBody(Fixtures.INVITE_HEAD, sdpText);
        SessionDescription sdp = parsed(decoder.decode(msg, 0, msg.length)).sdp();
        assertEquals(0L, decoder.counters().getOrDefault("sdp-unparsable", 0L));
        return sdp;
    }

    @SuppressWarnings("unused")
    private static byte[] raw(String s) {
        return bytes(s);
    }
}
