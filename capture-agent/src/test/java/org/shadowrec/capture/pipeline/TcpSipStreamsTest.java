package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.sip.api.SipLimits;

/** Which TCP stream directions get a SIP framer, and that a message split anywhere still comes out whole. */
class TcpSipStreamsTest {
    private static final Endpoint A = Endpoint.ipv4(0x0A00000A, 5060);
    private static final Endpoint B = Endpoint.ipv4(0x0A000014, 5060);
    private static final byte[] OPTIONS = ("OPTIONS sip:b@10.0.0.20 SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.10;branch=z9hG4bK1\r\n"
            + "From: <sip:a@10.0.0.10>;tag=1\r\nTo: <sip:b@10.0.0.20>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Counters counters = new Counters();
    private final List<String> messages = new ArrayList<>();
    private final TcpSipStreams streams = new TcpSipStreams(SipLimits.defaults(), 16, counters,
            (t, src, dst, buf, off, len) -> messages.add(new String(buf, off, len, StandardCharsets.US_ASCII)));

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 20, 31, 32, 33, 60})
    void first_segment_ending_inside_the_start_line_is_still_sip(int cut) {
        streams.data(1, A, B, OPTIONS, 0, cut);
        streams.data(2, A, B, OPTIONS, cut, OPTIONS.length - cut);
        assertEquals(List.of(new String(OPTIONS, StandardCharsets.US_ASCII)), messages);
        assertEquals(0, counters.get("tcp-not-sip-streams"));
    }

    @Test
    void binary_or_non_sip_streams_are_ignored_and_counted() {
        byte[] tls = {0x16, 0x03, 0x01, 0x00, 0x2a};
        streams.data(1, A, B, tls, 0, tls.length);
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        streams.data(1, B, A, http, 0, http.length);
        streams.data(2, B, A, OPTIONS, 0, OPTIONS.length); // later SIP on a direction judged not SIP: ignored
        assertEquals(List.of(), messages);
        assertEquals(2, counters.get("tcp-not-sip-streams"));
    }
}
