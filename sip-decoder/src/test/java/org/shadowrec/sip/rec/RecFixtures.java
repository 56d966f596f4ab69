package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;

/** Builds SIP messages as bytes and decodes them with the real {@link SipDecoder}. */
final class RecFixtures {
    private RecFixtures() {}

    static String crlf(String lfText) {
        return lfText.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** Header text (LF ends, sent as CRLF) + a correct Content-Length + empty line + body (sent as given). */
    static byte[] message(String head, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String h = crlf(head) + "Content-Length: " + b.length + "\r\n\r\n";
        byte[] hb = h.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[hb.length + b.length];
        System.arraycopy(hb, 0, out, 0, hb.length);
        System.arraycopy(b, 0, out, hb.length, b.length);
        return out;
    }

    static SipMessage decode(byte[] bytes) {
        SipParseResult r = new SipDecoder(SipLimits.defaults()).decode(bytes, 0, bytes.length);
        return assertInstanceOf(SipParseResult.Parsed.class, r, () -> "expected Parsed, got " + r).message();
    }

    static SipMessage decode(String head, String body) {
        return decode(message(head, body));
    }
}
