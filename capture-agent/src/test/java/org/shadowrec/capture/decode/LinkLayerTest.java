package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.cat;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.ipv4;
import static org.shadowrec.capture.decode.Pkt.ipv6;
import static org.shadowrec.capture.decode.Pkt.udp;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shadowrec.correlator.api.Endpoint;

class LinkLayerTest {
    /** IPv4 10.0.0.1:5060 → 10.0.0.2:5062, UDP payload "OPTIONS". */
    private static final byte[] IP4_UDP = ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", udp(5060, 5062, ascii("OPTIONS")));
    /** IPv6 [2001:db8::1]:5060 → [2001:db8::2]:5062, UDP payload "OPTIONS". */
    private static final byte[] IP6_UDP = ipv6(Pkt.UDP, "2001:db8::1", "2001:db8::2", udp(5060, 5062,
            ascii("OPTIONS")));

    static Stream<Arguments> framings() {
        return Stream.of(
                // Ethernet II, ethertype 0x0800 / 0x86dd
                Arguments.of("ethernet", LinkType.EN10MB, eth(IP4_UDP, 0x0800), eth(IP6_UDP, 0x86DD)),
                // one 802.1Q tag (TPID 0x8100, VLAN 100)
                Arguments.of("802.1Q", LinkType.EN10MB, eth(IP4_UDP, 0x8100, 0x0800), eth(IP6_UDP, 0x8100, 0x86DD)),
                // QinQ: 802.1ad S-tag 0x88a8 then C-tag 0x8100
                Arguments.of("802.1ad QinQ", LinkType.EN10MB, eth(IP4_UDP, 0x88A8, 0x8100, 0x0800),
                        eth(IP6_UDP, 0x88A8, 0x8100, 0x86DD)),
                // old QinQ: 0x9100 then 0x9100 then 0x8100 (three tags)
                Arguments.of("0x9100 stack", LinkType.EN10MB, eth(IP4_UDP, 0x9100, 0x9100, 0x8100, 0x0800),
                        eth(IP6_UDP, 0x9100, 0x9100, 0x8100, 0x86DD)),
                // Linux cooked v1 / v2, protocol = ethertype
                Arguments.of("sll", LinkType.LINUX_SLL, Pkt.sll(0x0800, IP4_UDP), Pkt.sll(0x86DD, IP6_UDP)),
                Arguments.of("sll2", LinkType.LINUX_SLL2, Pkt.sll2(0x0800, IP4_UDP), Pkt.sll2(0x86DD, IP6_UDP)),
                // raw IP, version from the first nibble
                Arguments.of("raw 101", LinkType.RAW, IP4_UDP, IP6_UDP),
                Arguments.of("raw 12", LinkType.RAW_12, IP4_UDP, IP6_UDP),
                Arguments.of("raw 14", LinkType.RAW_14, IP4_UDP, IP6_UDP),
                // BSD loopback: family 2 = AF_INET; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS)
                Arguments.of("null little-endian", LinkType.NULL, Pkt.loopback(2, false, IP4_UDP),
                        Pkt.loopback(30, false, IP6_UDP)),
                Arguments.of("null big-endian", LinkType.NULL, Pkt.loopback(2, true, IP4_UDP),
                        Pkt.loopback(28, true, IP6_UDP)),
                Arguments.of("loop", LinkType.LOOP, Pkt.loopback(2, true, IP4_UDP), Pkt.loopback(24, true, IP6_UDP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void decodes_udp_over_every_link_type_at_any_offset(String name, int linkType, byte[] v4, byte[] v6) {
        for (int off : new int[] {0, 1, 37}) {
            FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
            RecordingSink sink = new RecordingSink();
            d.decode(7L, linkType, embed(v4, off), off, v4.length, sink);
            d.decode(8L, linkType, embed(v6, off), off, v6.length, sink);

            assertEquals(2, sink.udp.size(), name + " at " + off);
            assertEquals(Endpoint.parse("10.0.0.1", 5060), sink.udp.get(0).src());
            assertEquals(Endpoint.parse("10.0.0.2", 5062), sink.udp.get(0).dst());
            assertEquals("OPTIONS", sink.udp.get(0).text());
            assertEquals(7L, sink.udp.get(0).nanos());
            assertEquals(Endpoint.parse("2001:db8::1", 5060), sink.udp.get(1).src());
            assertEquals(Endpoint.parse("2001:db8::2", 5062), sink.udp.get(1).dst());
            assertEquals("OPTIONS", sink.udp.get(1).text());
            assertEquals(2L, Outcomes.count(d, "udp"));
            Outcomes.assertBalanced(d);
        }
    }

    @Test
    void raw_ipv4_and_ipv6_link_types_accept_only_their_version() {
        FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
        RecordingSink sink = new RecordingSink();
        d.decode(1, LinkType.IPV4, IP4_UDP, 0, IP4_UDP.length, sink);
        d.decode(2, LinkType.IPV6, IP6_UDP, 0, IP6_UDP.length, sink);
        d.decode(3, LinkType.IPV4, IP6_UDP, 0, IP6_UDP.length, sink); // IPv6 bytes on an IPv4-only link
        assertEquals(2, sink.udp.size());
        assertEquals(1L, Outcomes.count(d, "bad-ip-header"));
        Outcomes.assertBalanced(d);
    }

    @Test
    void non_ip_and_unknown_link_types_are_counted() {
        FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
        RecordingSink sink = new RecordingSink();
        // ARP request (ethertype 0x0806): htype 1, ptype 0x0800, hlen 6, plen 4, op 1, then 20 address bytes
        byte[] arp = eth(cat(new byte[] {0, 1, 8, 0, 6, 4, 0, 1}, new byte[20]), 0x0806);
        d.decode(1, LinkType.EN10MB, arp, 0, arp.length, sink);
        // ARP inside VLAN 100
        byte[] vlanArp = eth(cat(new byte[] {0, 1, 8, 0, 6, 4, 0, 1}, new byte[20]), 0x8100, 0x0806);
        d.decode(2, LinkType.EN10MB, vlanArp, 0, vlanArp.length, sink);
        // 802.3 frame with length field 0x002e and an LLC header
        byte[] llc = eth(cat(new byte[] {(byte) 0xAA, (byte) 0xAA, 3}, new byte[43]), 0x002E);
        d.decode(3, LinkType.EN10MB, llc, 0, llc.length, sink);
        // BSD loopback with AF 17 (not IP)
        byte[] lo = Pkt.loopback(17, false, IP4_UDP);
        d.decode(4, LinkType.NULL, lo, 0, lo.length, sink);
        // link type 105 (IEEE 802.11) is not supported
        d.decode(5, 105, IP4_UDP, 0, IP4_UDP.length, sink);
        // nine stacked VLAN tags: more than maxVlanTags (8)
        byte[] deep = eth(IP4_UDP, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x0800);
        d.decode(6, LinkType.EN10MB, deep, 0, deep.length, sink);

        assertEquals(0, sink.events());
        assertEquals(4L, Outcomes.count(d, "non-ip"));
        assertEquals(1L, Outcomes.count(d, "unsupported-linktype"));
        assertEquals(1L, Outcomes.count(d, "bad-link-header"));
        Outcomes.assertBalanced(d);
    }

    static byte[] embed(byte[] frame, int off) {
        byte[] b = new byte[off + frame.length + 8];
        java.util.Arrays.fill(b, (byte) 0x5A); // junk before and after the frame
        System.arraycopy(frame, 0, b, off, frame.length);
        return b;
    }
}
