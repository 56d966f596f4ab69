package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.ipv4;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Liveness of a TCP receiver as the reassembler sees it (RFC 6298 §5): the oldest unacknowledged segment sent again
 * is reported with its first transmission and count until the acknowledgement advances; a mirror copy is not a
 * retransmission; a reset names its sender. Client 10.0.0.1:40001 (CUCM) → server 10.0.0.2:5060 (a recorder).
 */
class TcpLivenessTest {
    private static final long MS = 1_000_000L;
    private static final int SYN = 2;
    private static final int RST = 4;
    private static final int ACK = 16;
    private static final int PSH_ACK = 8 | 16;
    private static final String C2S = "10.0.0.1:40001>10.0.0.2:5060";
    private static final String BYE = "BYE sip:rec@10.0.0.2 SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    private final FrameDecoder decoder = new FrameDecoder(DecodeLimits.defaults());
    private final RecordingSink sink = new RecordingSink();

    private static byte[] c2s(int seq, int ack, int flags, String payload) {
        return eth(ipv4(Pkt.TCP, "10.0.0.1", "10.0.0.2", Pkt.tcp(40001, 5060, seq, ack, flags, ascii(payload))),
                0x0800);
    }

    private static byte[] s2c(int seq, int ack, int flags, String payload) {
        return eth(ipv4(Pkt.TCP, "10.0.0.2", "10.0.0.1", Pkt.tcp(5060, 40001, seq, ack, flags, ascii(payload))),
                0x0800);
    }

    private void decode(long t, byte[] frame) {
        decoder.decode(t, LinkType.EN10MB, frame, 0, frame.length, sink);
    }

    /** SYN, SYN-ACK, ACK: client data starts at 1001, server data at 5001. */
    private void handshake() {
        decode(1, c2s(1000, 0, SYN, ""));
        decode(2, s2c(5000, 1001, SYN | ACK, ""));
        decode(3, c2s(1001, 5001, ACK, ""));
    }

    private List<String> retransmissions() {
        return sink.tcpEvents.stream().filter(e -> e.startsWith("retransmission")).toList();
    }

    @Test
    void a_segment_never_acknowledged_is_reported_on_each_retransmission_with_its_first_transmission() {
        handshake();
        decode(1000 * MS, c2s(1001, 5001, PSH_ACK, BYE));
        decode(1000 * MS + 20_000, c2s(1001, 5001, PSH_ACK, BYE));     // a mirror copy 20 µs later
        decode(1210 * MS, c2s(1001, 5001, PSH_ACK, BYE));              // Linux back-off: 200 ms, 400, 800
        decode(1620 * MS, c2s(1001, 5001, PSH_ACK, BYE));
        decode(2430 * MS, c2s(1001, 5001, PSH_ACK, BYE));

        assertEquals(List.of(
                "retransmission " + C2S + " first " + 1000 * MS + " x2 at " + 1210 * MS,
                "retransmission " + C2S + " first " + 1000 * MS + " x3 at " + 1620 * MS,
                "retransmission " + C2S + " first " + 1000 * MS + " x4 at " + 2430 * MS), retransmissions());
        assertEquals(BYE, sink.stream(C2S), "delivered once");
        assertEquals(3L, Outcomes.count(decoder, "tcp-retransmission"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void an_acknowledged_segment_sent_again_is_not_reported_and_the_next_one_is_followed() {
        handshake();
        decode(1000 * MS, c2s(1001, 5001, PSH_ACK, BYE));
        decode(1210 * MS, c2s(1001, 5001, PSH_ACK, BYE));              // one retransmission...
        decode(1215 * MS, s2c(5001, 1001 + BYE.length(), ACK, ""));     // ...then acknowledged
        decode(1630 * MS, c2s(1001, 5001, PSH_ACK, BYE));              // a late spurious copy: acknowledged
        int next = 1001 + BYE.length();
        decode(3000 * MS, c2s(next, 5001, PSH_ACK, BYE));
        decode(3300 * MS, c2s(next, 5001, PSH_ACK, BYE));

        assertEquals(List.of(
                "retransmission " + C2S + " first " + 1000 * MS + " x2 at " + 1210 * MS,
                "retransmission " + C2S + " first " + 3000 * MS + " x2 at " + 3300 * MS), retransmissions());
    }

    @Test
    void new_data_in_flight_does_not_count_as_a_retransmission_of_the_first() {
        handshake();
        int second = 1001 + BYE.length();
        decode(1000 * MS, c2s(1001, 5001, PSH_ACK, BYE));
        decode(1150 * MS, c2s(second, 5001, PSH_ACK, BYE));
        decode(1300 * MS, c2s(second + BYE.length(), 5001, PSH_ACK, BYE));
        assertEquals(List.of(), retransmissions());
        assertEquals(BYE + BYE + BYE, sink.stream(C2S));
    }

    @Test
    void a_reset_names_its_sender() {
        handshake();
        decode(1000 * MS, c2s(1001, 5001, PSH_ACK, BYE));
        decode(1001 * MS, s2c(5001, 1001, RST | ACK, ""));
        assertEquals("closed 10.0.0.2:5060>10.0.0.1:40001 rst", sink.tcpEvents.get(sink.tcpEvents.size() - 1));
    }
}
