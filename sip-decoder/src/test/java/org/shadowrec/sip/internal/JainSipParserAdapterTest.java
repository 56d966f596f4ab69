package org.shadowrec.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The adapter on its own: hostile inputs that never reach it through SipDecoder still come back as values. */
class JainSipParserAdapterTest {
    private final JainSipParserAdapter adapter = new JainSipParserAdapter();

    @Test
    void controlCharactersOnlyReachTheLibraryLoggerPathButComeBackAsAValue() {
        // StringMsgParser skips bytes < 0x20 by running off the array end; its catch block asks a log4j-backed
        // logger whether debug is on, and log4j is not on our classpath.
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            JainSipParserAdapter.Result r = adapter.parse(new byte[] {1, 2, '\r', '\n', 0});
            assertInstanceOf(JainSipParserAdapter.Failed.class, r, r::toString);
            assertInstanceOf(JainSipParserAdapter.Failed.class, adapter.parse(new byte[0]));
            assertInstanceOf(JainSipParserAdapter.Failed.class, adapter.parse("x".getBytes(StandardCharsets.US_ASCII)));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badEssentialHeaderNamesTheHeader() {
        byte[] msg = ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <<<\r\nTo: <sip:c@d>\r\n"
                + "Call-ID: x\r\nCSeq: 1 INVITE\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        JainSipParserAdapter.Failed f = assertInstanceOf(JainSipParserAdapter.Failed.class, adapter.parse(msg));
        assertEquals("bad-from", f.reason());
    }

    @Test
    void badOptionalHeaderIsToleratedAndCounted() {
        byte[] msg = ("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
                + "To: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nMax-Forwards: many\r\nExpires: soon\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        JainSipParserAdapter.Parsed p = assertInstanceOf(JainSipParserAdapter.Parsed.class, adapter.parse(msg));
        assertEquals(2, p.core().toleratedHeaderErrors());
        assertEquals("x", p.core().callId());
        // the instance is reusable: the next parse starts from a clean error state
        JainSipParserAdapter.Parsed again = assertInstanceOf(JainSipParserAdapter.Parsed.class,
                adapter.parse(("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
                        + "To: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, again.core().toleratedHeaderErrors());
        assertEquals(200, again.core().statusCode());
    }
}
