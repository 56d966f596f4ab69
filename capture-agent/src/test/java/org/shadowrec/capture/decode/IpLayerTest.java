package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.cat;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.ipv4;
import static org.shadowrec.capture.decode.Pkt.ipv6;
import static org.shadowrec.capture.decode.Pkt.options8;
import static org.shadowrec.capture.decode.Pkt.udp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.Endpoint;

class IpLayerTest {
    private final FrameDecoder decoder = new FrameDecoder(DecodeLimits.defaults());
    private final RecordingSink sink = new RecordingSink();

    private void decode(byte[] frame) {
        decoder.decode(1L, LinkType.EN10MB, frame, 0, frame.length, sink);
    }

    @Test
    void ipv4_options_are_skipped_by_ihl() {
        // IPv4 with 8 option bytes (IHL 7): Record Route (type 7, length 7, pointer 4, one empty slot) + EOL
        byte[] options = {7, 7, 4, 0, 0, 0, 0, 0};
        decode(eth(ipv4(Pkt.UDP, "192.0.2.1", "192.0.2.2", 1, 0, options, udp(5060, 5060, ascii("BYE"))), 0x0800));
        assertEquals(1, sink.udp.size());
        assertEquals("BYE", sink.udp.get(0).text());
        assertEquals(Endpoint.parse("192.0.2.1", 5060), sink.udp.get(0).src());
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ethernet_padding_after_the_ip_total_length_is_ignored() {
        // IPv4/UDP "A" (29 bytes) padded by the sender to the 46-byte Ethernet minimum with 17 bytes of 0xEE
        byte[] ip = ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", udp(1000, 2000, ascii("A")));
        byte[] pad = new byte[17];
        Arrays.fill(pad, (byte) 0xEE);
        decode(eth(cat(ip, pad), 0x0800));
        assertEquals("A", sink.udp.get(0).text());
        assertEquals(0L, Outcomes.count(decoder, "truncated-ip"));
    }

    @Test
    void ip_total_length_beyond_captured_bytes_is_clamped_and_counted() {
        // IPv4/UDP with 100 payload bytes, captured with a snap length that keeps only 30 of them
        byte[] full = eth(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", udp(1000, 2000, new byte[100])), 0x0800);
        byte[] snapped = Arrays.copyOf(full, 14 + 20 + 8 + 30);
        decode(snapped);
        assertEquals(30, sink.udp.get(0).payload().length);
        assertEquals(1L, Outcomes.count(decoder, "truncated-ip"));
        assertEquals(1L, Outcomes.count(decoder, "truncated-udp"));
        assertEquals(1L, Outcomes.count(decoder, "udp"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void udp_length_shorter_than_ip_payload_wins() {
        // UDP length field says 8 + 3, IP carries 5 payload bytes ("ABCDE")
        byte[] u = udp(1000, 2000, ascii("ABCDE"));
        u[5] = 11;
        decode(eth(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", u), 0x0800));
        assertEquals("ABC", sink.udp.get(0).text());
    }

    @Test
    void bad_ip_headers_are_counted() {
        byte[] good = ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", udp(1, 2, ascii("x")));
        byte[] ihl4 = good.clone();
        ihl4[0] = 0x44; // IHL 4 (< 5)
        byte[] totalTooSmall = good.clone();
        totalTooSmall[2] = 0;
        totalTooSmall[3] = 12; // total length 12 < IHL 20
        byte[] version5 = good.clone();
        version5[0] = 0x55;
        byte[] udpLen3 = good.clone();
        udpLen3[20 + 5] = 3; // UDP length 3 < 8
        decode(eth(ihl4, 0x0800));
        decode(eth(totalTooSmall, 0x0800));
        decode(eth(version5, 0x0800));
        decode(eth(udpLen3, 0x0800));
        assertEquals(0, sink.events());
        assertEquals(3L, Outcomes.count(decoder, "bad-ip-header"));
        assertEquals(1L, Outcomes.count(decoder, "bad-udp-header"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ipv6_hop_by_hop_destination_options_and_atomic_fragment_headers_are_walked() {
        // IPv6 → hop-by-hop (8 bytes) → destination options (8 bytes) → fragment header with offset 0, M = 0
        // (an "atomic fragment", RFC 6946) → destination options → UDP "INFO"
        byte[] frame = eth(ipv6(0, "2001:db8::a", "2001:db8::b",
                options8(60, options8(44, Pkt.frag6(60, 0, false, 77,
                        options8(Pkt.UDP, udp(5060, 5070, ascii("INFO"))))))), 0x86DD);
        decode(frame);
        assertEquals(1, sink.udp.size());
        assertEquals("INFO", sink.udp.get(0).text());
        assertEquals(Endpoint.parse("2001:db8::a", 5060), sink.udp.get(0).src());
        assertEquals(Endpoint.parse("2001:db8::b", 5070), sink.udp.get(0).dst());
        assertEquals(0, decoder.state().get("ip-fragment-datagrams"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ipv6_routing_header_and_ah_are_skipped_and_esp_is_counted_encrypted() {
        // routing header type 0, length 2 (24 bytes) → AH (payload len 4 → 24 bytes) → UDP "ACK"
        byte[] routing = cat(new byte[] {51, 2, 0, 0, 0, 0, 0, 0}, new byte[16]);
        byte[] ah = cat(new byte[] {Pkt.UDP, 4, 0, 0}, new byte[20]);
        decode(eth(ipv6(43, "2001:db8::1", "2001:db8::2", cat(routing, ah, udp(1, 2, ascii("ACK")))), 0x86DD));
        // ESP (50): SPI + sequence + ciphertext
        decode(eth(ipv6(50, "2001:db8::1", "2001:db8::2", new byte[32]), 0x86DD));
        decode(eth(ipv4(50, "10.0.0.1", "10.0.0.2", new byte[32]), 0x0800));
        // no next header (59)
        decode(eth(ipv6(59, "2001:db8::1", "2001:db8::2", new byte[0]), 0x86DD));
        assertEquals("ACK", sink.udp.get(0).text());
        assertEquals(2L, Outcomes.count(decoder, "encrypted"));
        assertEquals(1L, Outcomes.count(decoder, "ipv6-no-next-header"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ip_in_ip_is_decoded_to_the_inner_datagram() {
        byte[] inner4 = ipv4(Pkt.UDP, "172.16.0.1", "172.16.0.2", udp(5060, 5060, ascii("in4")));
        byte[] inner6 = ipv6(Pkt.UDP, "fd00::1", "fd00::2", udp(5060, 5060, ascii("in6")));
        // IPv4 protocol 4 carrying IPv4
        decode(eth(ipv4(4, "10.0.0.1", "10.0.0.2", inner4), 0x0800));
        // IPv4 protocol 41 carrying IPv6 (6in4)
        decode(eth(ipv4(41, "10.0.0.1", "10.0.0.2", inner6), 0x0800));
        // IPv6 next header 4 carrying IPv4 (4in6)
        decode(eth(ipv6(4, "2001:db8::1", "2001:db8::2", inner4), 0x86DD));
        // IPv6 next header 41 carrying IPv6
        decode(eth(ipv6(41, "2001:db8::1", "2001:db8::2", inner6), 0x86DD));
        assertEquals(4, sink.udp.size());
        assertEquals(Endpoint.parse("172.16.0.1", 5060), sink.udp.get(0).src());
        assertEquals(Endpoint.parse("fd00::2", 5060), sink.udp.get(1).dst());
        assertEquals("in4", sink.udp.get(2).text());
        assertEquals("in6", sink.udp.get(3).text());
        assertEquals(4L, Outcomes.count(decoder, "ip-in-ip"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ip_in_ip_deeper_than_the_limit_is_dropped() {
        byte[] ip = ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", udp(1, 2, ascii("deep")));
        for (int i = 0; i < 5; i++) {
            ip = ipv4(4, "10.0.0.1", "10.0.0.2", ip); // five encapsulations > maxEncapsulationDepth 4
        }
        decode(eth(ip, 0x0800));
        assertEquals(0, sink.events());
        assertEquals(1L, Outcomes.count(decoder, "encapsulation-too-deep"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void every_truncation_of_a_full_udp_frame_is_counted_without_exception() {
        // Ethernet / VLAN 100 / IPv4 with 4 option bytes / UDP "REGISTER sip:x" and the same over IPv6 with HBH
        byte[][] frames = {
            eth(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", 9, 0, new byte[] {1, 1, 1, 0},
                    udp(5060, 5060, ascii("REGISTER sip:x"))), 0x8100, 0x0800),
            eth(ipv6(0, "2001:db8::1", "2001:db8::2", options8(Pkt.UDP, udp(5060, 5060, ascii("REGISTER sip:x")))),
                    0x86DD),
        };
        for (byte[] full : frames) {
            for (int len = 0; len <= full.length; len++) {
                FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
                RecordingSink s = new RecordingSink();
                d.decode(1L, LinkType.EN10MB, full, 0, len, s);
                Outcomes.assertBalanced(d);
                assertEquals(1L, Outcomes.count(d, "frames"));
                if (len == full.length) {
                    assertEquals("REGISTER sip:x", s.udp.get(0).text());
                } else if (s.udp.size() == 1) {
                    // headers complete, payload clamped to what was captured: a prefix of the payload
                    assertTrue("REGISTER sip:x".startsWith(s.udp.get(0).text()), "len " + len);
                    assertEquals(1L, Outcomes.count(d, "truncated-ip"), "len " + len);
                } else {
                    assertEquals(0, s.events(), "len " + len);
                    assertEquals(0L, Outcomes.count(d, "udp"), "len " + len);
                }
            }
        }
    }
}
