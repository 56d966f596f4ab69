package org.shadowrec.sip;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;

/** Test messages, written for these tests from RFC 3261 / RFC 7866 examples. */
final class Fixtures {
    private Fixtures() {}

    static final String SDP = """
            v=0
            o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.com
            s=-
            c=IN IP4 10.0.0.5
            t=0 0
            m=audio 49170 RTP/AVP 0 8 101
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            """;

    static final String INVITE_HEAD = """
            INVITE sip:bob@biloxi.com SIP/2.0
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds
            Max-Forwards: 70
            To: Bob <sip:bob@biloxi.com>
            From: "Alice A" <sip:alice@atlanta.com>;tag=1928301774
            Call-ID: a84b4c76e66710@pc33.atlanta.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@pc33.atlanta.com:5070;transport=udp>
            Content-Type: application/sdp
            """;

    /** An INVITE with SDP, CRLF line ends and a correct Content-Length. */
    static byte[] invite() {
        return withBody(INVITE_HEAD, crlf(SDP));
    }

    /** Header text (LF line ends, converted to CRLF) + Content-Length + empty line + body. */
    static byte[] withBody(String head, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String h = crlf(head) + "Content-Length: " + b.length + "\r\n\r\n";
        return concat(h.getBytes(StandardCharsets.UTF_8), b);
    }

    static String crlf(String lfText) {
        return lfText.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SipMessage parsed(SipParseResult r) {
        return assertInstanceOf(SipParseResult.Parsed.class, r, () -> "expected Parsed, got " + r).message();
    }
}
