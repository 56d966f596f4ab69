package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.icmp;
import static org.shadowrec.capture.decode.Pkt.ipv4;
import static org.shadowrec.capture.decode.Pkt.ipv6;
import static org.shadowrec.capture.decode.Pkt.udp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.Endpoint;

class IcmpTest {
    private final FrameDecoder decoder = new FrameDecoder(DecodeLimits.defaults());
    private final RecordingSink sink = new RecordingSink();

    private void decode(byte[] frame) {
        decoder.decode(5L, LinkType.EN10MB, frame, 0, frame.length, sink);
    }

    /** The RTP datagram 192.0.2.10:40000 → 192.0.2.20:30000 that the dead recorder refuses. */
    private static final byte[] SENT = ipv4(Pkt.UDP, "192.0.2.10", "192.0.2.20", udp(40000, 30000, new byte[172]));

    @Test
    void port_unreachable_quoting_a_udp_datagram() {
        // ICMP type 3 code 3 from the recorder 192.0.2.20 to the phone, quoting IP header + first 8 bytes (RFC 792)
        byte[] quoted = Arrays.copyOf(SENT, 28);
        decode(eth(ipv4(1, "192.0.2.20", "192.0.2.10", icmp(3, 3, quoted)), 0x0800));
        assertEquals(1, sink.icmp.size());
        RecordingSink.IcmpError e = sink.icmp.get(0);
        assertEquals(Endpoint.parse("192.0.2.20", 0), e.reporter());
        assertEquals(Endpoint.parse("192.0.2.10", 40000), e.origSrc());
        assertEquals(Endpoint.parse("192.0.2.20", 30000), e.origDst());
        assertEquals("port-unreachable", e.kind());
        assertEquals(5L, e.nanos());
        assertEquals(1L, Outcomes.count(decoder, "icmp-error"));
        assertEquals(0, sink.udp.size(), "the quoted datagram is not delivered as UDP");
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void icmp_codes_map_to_kinds() {
        // codes of type 3: 0 net, 1 host, 3 port, 13 administratively prohibited, 4 fragmentation needed; type 11
        int[][] typeCode = {{3, 0}, {3, 1}, {3, 3}, {3, 13}, {3, 4}, {11, 0}};
        for (int[] tc : typeCode) {
            decode(eth(ipv4(1, "198.51.100.1", "192.0.2.10", icmp(tc[0], tc[1], SENT)), 0x0800));
        }
        assertEquals(Arrays.asList("net-unreachable", "host-unreachable", "port-unreachable", "admin-prohibited",
                "other-unreachable", "time-exceeded"), sink.icmp.stream().map(RecordingSink.IcmpError::kind).toList());
        // an echo request (type 8) is ICMP but not an error
        decode(eth(ipv4(1, "192.0.2.10", "192.0.2.20", icmp(8, 0, new byte[8])), 0x0800));
        assertEquals(1L, Outcomes.count(decoder, "icmp-other"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void icmpv6_port_unreachable_quoting_udp_behind_a_destination_options_header() {
        // ICMPv6 type 1 code 4 quoting IPv6 → destination options → UDP [2001:db8::10]:40000 → [2001:db8::20]:30000
        byte[] sent = ipv6(60, "2001:db8::10", "2001:db8::20", Pkt.options8(Pkt.UDP, udp(40000, 30000,
                new byte[160])));
        decode(eth(ipv6(58, "2001:db8::20", "2001:db8::10", icmp(1, 4, sent)), 0x86DD));
        // ICMPv6 type 3 (time exceeded) quoting only 40 + 8 + 4 bytes
        decode(eth(ipv6(58, "2001:db8::99", "2001:db8::10", icmp(3, 0, Arrays.copyOf(sent, 52))), 0x86DD));
        assertEquals(2, sink.icmp.size());
        assertEquals(Endpoint.parse("2001:db8::20", 0), sink.icmp.get(0).reporter());
        assertEquals(Endpoint.parse("2001:db8::10", 40000), sink.icmp.get(0).origSrc());
        assertEquals(Endpoint.parse("2001:db8::20", 30000), sink.icmp.get(0).origDst());
        assertEquals("port-unreachable", sink.icmp.get(0).kind());
        assertEquals("time-exceeded", sink.icmp.get(1).kind());
        assertEquals(Endpoint.parse("2001:db8::20", 30000), sink.icmp.get(1).origDst());
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void a_quote_too_short_for_the_ports_is_counted_not_reported() {
        // the quote stops after the IP header and 2 bytes of UDP
        decode(eth(ipv4(1, "192.0.2.20", "192.0.2.10", icmp(3, 3, Arrays.copyOf(SENT, 22))), 0x0800));
        // the quote is shorter than an IP header
        decode(eth(ipv4(1, "192.0.2.20", "192.0.2.10", icmp(3, 3, Arrays.copyOf(SENT, 12))), 0x0800));
        // a 4-byte ICMP message
        decode(eth(ipv4(1, "192.0.2.20", "192.0.2.10", new byte[] {3, 3, 0, 0}), 0x0800));
        assertEquals(0, sink.icmp.size());
        assertEquals(3L, Outcomes.count(decoder, "truncated-icmp"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void icmp_inside_a_udp_payload_is_just_udp() {
        decode(eth(ipv4(Pkt.UDP, "192.0.2.1", "192.0.2.2", udp(1, 2, ascii("x"))), 0x0800));
        assertEquals(0, sink.icmp.size());
        assertEquals(1, sink.udp.size());
    }
}
