package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.ipv4;
import static org.shadowrec.capture.decode.Pkt.udp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.Endpoint;

class FragmentTest {
    private static final long SECOND = 1_000_000_000L;

    /** A SIP INVITE with SDP, about 900 bytes: too big for the 300-byte fragments used below. */
    static final byte[] INVITE = ascii(("INVITE sip:bob@192.0.2.2 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-frag-1\r\n"
            + "From: <sip:alice@192.0.2.1>;tag=a1\r\nTo: <sip:bob@192.0.2.2>\r\n"
            + "Call-ID: frag-test-0001@192.0.2.1\r\nCSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@192.0.2.1:5060>\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: 999\r\n\r\n"
            + "v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n").repeat(2));

    private final FrameDecoder decoder = new FrameDecoder(DecodeLimits.defaults());
    private final RecordingSink sink = new RecordingSink();

    /**
     * Ethernet/IPv4 fragments of UDP 192.0.2.1:5060 → 192.0.2.2:5060 carrying {@code payload}: each fragment carries
     * {@code size} bytes (a multiple of 8) of the UDP datagram (header + payload), flags MF except the last.
     */
    static List<byte[]> fragments4(int id, byte[] payload, int size) {
        byte[] datagram = udp(5060, 5060, payload);
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < datagram.length; at += size) {
            int end = Math.min(datagram.length, at + size);
            int flags = (end < datagram.length ? 0x2000 : 0) | (at / 8);
            out.add(eth(ipv4(Pkt.UDP, "192.0.2.1", "192.0.2.2", id, flags, new byte[0],
                    Arrays.copyOfRange(datagram, at, end)), 0x0800));
        }
        return out;
    }

    /** Ethernet/IPv6 fragments (fragment header per fragment) of UDP [2001:db8::1]:5060 → [2001:db8::2]:5060. */
    static List<byte[]> fragments6(int id, byte[] payload, int size) {
        byte[] datagram = udp(5060, 5060, payload);
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < datagram.length; at += size) {
            int end = Math.min(datagram.length, at + size);
            out.add(eth(Pkt.ipv6(44, "2001:db8::1", "2001:db8::2",
                    Pkt.frag6(Pkt.UDP, at, end < datagram.length, id, Arrays.copyOfRange(datagram, at, end))),
                    0x86DD));
        }
        return out;
    }

    private void decode(long t, byte[] frame) {
        decoder.decode(t, LinkType.EN10MB, frame, 0, frame.length, sink);
    }

    private void assertOneInvite() {
        assertEquals(1, sink.udp.size());
        assertArrayEquals(INVITE, sink.udp.get(0).payload());
        assertEquals(1L, Outcomes.count(decoder, "ip-reassembled"));
        assertEquals(0L, decoder.state().get("ip-fragment-datagrams"));
        assertEquals(0L, decoder.state().get("ip-fragment-bytes"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ipv4_fragments_in_order() {
        List<byte[]> f = fragments4(7, INVITE, 304);
        assertTrue(f.size() >= 3);
        for (int i = 0; i < f.size(); i++) {
            decode(i, f.get(i));
        }
        assertOneInvite();
        assertEquals(Endpoint.parse("192.0.2.1", 5060), sink.udp.get(0).src());
        assertEquals(Endpoint.parse("192.0.2.2", 5060), sink.udp.get(0).dst());
        assertEquals(f.size() - 1L, sink.udp.get(0).nanos(), "time of the completing fragment");
        assertEquals(f.size() - 1L, Outcomes.count(decoder, "ip-fragment-held"));
    }

    @Test
    void ipv4_fragments_reversed() {
        List<byte[]> f = fragments4(8, INVITE, 304);
        Collections.reverse(f);
        for (byte[] frame : f) {
            decode(1, frame);
        }
        assertOneInvite();
    }

    @Test
    void ipv4_fragments_with_duplicates_and_overlaps_first_wins() {
        List<byte[]> f = fragments4(9, INVITE, 304);
        decode(1, f.get(1));
        decode(1, f.get(1)); // exact duplicate
        // an overlapping fragment covering bytes 296..608 of the datagram, with its bytes changed to 'X':
        // bytes 304..608 were already received (first wins), 296..304 are new
        byte[] datagram = udp(5060, 5060, INVITE);
        byte[] overlap = Arrays.copyOfRange(datagram, 296, 608);
        Arrays.fill(overlap, 8, overlap.length, (byte) 'X');
        decode(1, eth(ipv4(Pkt.UDP, "192.0.2.1", "192.0.2.2", 9, 0x2000 | (296 / 8), new byte[0], overlap), 0x0800));
        for (byte[] frame : f) {
            decode(1, frame);
        }
        assertOneInvite();
        // overlaps: the 'X' fragment (304..608 already there) and then fragment 0 (296..304 already there)
        assertEquals(2L, Outcomes.count(decoder, "ip-fragment-overlap"));
        // the second copy of fragment 1 and the later copy of fragment 1 in the full pass
        assertEquals(2L, Outcomes.count(decoder, "ip-fragment-duplicate"));
    }

    @Test
    void ipv4_fragments_timed_out_are_counted_and_freed() {
        List<byte[]> f = fragments4(10, INVITE, 304);
        decode(0, f.get(0));
        decode(SECOND, f.get(1));
        assertEquals(1L, decoder.state().get("ip-fragment-datagrams"));
        assertTrue(decoder.state().get("ip-fragment-bytes") > 0);
        decoder.expire(29 * SECOND);
        assertEquals(1L, decoder.state().get("ip-fragment-datagrams"), "not yet 30 s");
        decoder.expire(30 * SECOND);
        assertEquals(0L, decoder.state().get("ip-fragment-datagrams"));
        assertEquals(0L, decoder.state().get("ip-fragment-bytes"));
        assertEquals(1L, Outcomes.count(decoder, "ip-fragment-timeout"));
        // the rest arriving late starts a new datagram that never completes: no datagram delivered
        for (int i = 2; i < f.size(); i++) {
            decode(31 * SECOND, f.get(i));
        }
        assertEquals(0, sink.udp.size());
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void ipv6_fragments_out_of_order() {
        List<byte[]> f = fragments6(0x01020304, INVITE, 304);
        decode(1, f.get(2));
        decode(1, f.get(0));
        for (int i = 3; i < f.size(); i++) {
            decode(1, f.get(i));
        }
        decode(1, f.get(1));
        assertOneInvite();
        assertEquals(Endpoint.parse("2001:db8::1", 5060), sink.udp.get(0).src());
    }

    @Test
    void same_id_from_different_sources_does_not_mix() {
        List<byte[]> a = fragments4(11, INVITE, 304);
        // the same id and payload from another source: IPv4 source address bytes 26..29 of the frame → 192.0.2.9
        List<byte[]> b = fragments4(11, INVITE, 304);
        for (byte[] frame : b) {
            frame[14 + 15] = 9;
        }
        decode(1, a.get(0));
        decode(1, b.get(1));
        decode(1, b.get(0));
        assertEquals(0, sink.udp.size());
        for (int i = 1; i < a.size(); i++) {
            decode(1, a.get(i));
        }
        for (int i = 2; i < b.size(); i++) {
            decode(1, b.get(i));
        }
        assertEquals(2, sink.udp.size());
        assertEquals(Endpoint.parse("192.0.2.1", 5060), sink.udp.get(0).src());
        assertEquals(Endpoint.parse("192.0.2.9", 5060), sink.udp.get(1).src());
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void a_fragment_beyond_65535_bytes_drops_the_datagram() {
        // offset 8189 * 8 = 65512 plus 32 bytes reaches past 65535
        decode(1, fragments4(12, INVITE, 304).get(0));
        decode(1, eth(ipv4(Pkt.UDP, "192.0.2.1", "192.0.2.2", 12, 0x2000 | 8189, new byte[0], new byte[32]), 0x0800));
        assertEquals(1L, Outcomes.count(decoder, "ip-fragment-too-large"));
        assertEquals(0L, decoder.state().get("ip-fragment-datagrams"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void a_flood_of_unique_fragment_ids_stays_bounded() {
        // 100,000 first fragments (MF set, 64 bytes each), every one with its own identification, never completed;
        // ids run over 16 bits, so the source address varies too
        DecodeLimits limits = DecodeLimits.defaults();
        byte[] chunk = new byte[64];
        long maxBytes = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] frame = eth(ipv4(Pkt.UDP, "10.0." + (i >>> 16) + ".1", "10.0.0.2", i & 0xFFFF, 0x2000,
                    new byte[0], chunk), 0x0800);
            decode(i, frame);
            maxBytes = Math.max(maxBytes, decoder.state().get("ip-fragment-bytes"));
            assertTrue(decoder.state().get("ip-fragment-datagrams") <= limits.maxFragmentDatagrams());
        }
        assertTrue(maxBytes <= limits.maxFragmentBytesTotal(), "bytes held " + maxBytes);
        assertEquals(limits.maxFragmentDatagrams(), decoder.state().get("ip-fragment-datagrams"));
        assertEquals(100_000L - limits.maxFragmentDatagrams(), Outcomes.count(decoder, "fragments-overflow"));
        assertEquals(100_000L, Outcomes.count(decoder, "ip-fragment-held"));
        decoder.expire(100_000 + 30 * SECOND);
        assertEquals(0L, decoder.state().get("ip-fragment-datagrams"));
        assertEquals(0L, decoder.state().get("ip-fragment-bytes"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void the_total_byte_cap_evicts_the_oldest_datagrams() {
        // cap 200 kB: 64 kB reservations per datagram (65528-byte last fragments arriving first) fit three at a time
        DecodeLimits small = new DecodeLimits(1024, 65535, 200_000, 30 * SECOND, 16, 1 << 16, 1 << 20, 1 << 20, 300 * SECOND,
                4, 8);
        FrameDecoder d = new FrameDecoder(small);
        for (int id = 0; id < 10; id++) {
            // last fragment at offset 65000 (so the datagram needs 65000 + 16 bytes), id varies
            byte[] frame = eth(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", id, 65000 / 8, new byte[0], new byte[16]),
                    0x0800);
            d.decode(id, LinkType.EN10MB, frame, 0, frame.length, sink);
            assertTrue(d.state().get("ip-fragment-bytes") <= 200_000, d.state().toString());
        }
        assertEquals(3L, d.state().get("ip-fragment-datagrams"));
        assertEquals(7L, Outcomes.count(d, "fragments-overflow"));
        Outcomes.assertBalanced(d);
    }
}
