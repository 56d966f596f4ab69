package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.ipv4;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpReassemblyTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int FIN = 1;
    private static final int SYN = 2;
    private static final int RST = 4;
    private static final int PSH_ACK = 8 | 16;
    private static final int ACK = 16;
    private static final String C2S = "10.0.0.1:40001>10.0.0.2:5060";
    private static final String S2C = "10.0.0.2:5060>10.0.0.1:40001";

    /** A SIP OPTIONS request sent over TCP in three segments: 30 + 40 + rest bytes. */
    private static final String SIP = "OPTIONS sip:10.0.0.2 SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 10.0.0.1:40001;branch=z9hG4bK-tcp\r\n"
            + "Call-ID: tcp-1@10.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    private static final int[] CUTS = {0, 30, 70, SIP.length()};

    private final FrameDecoder decoder = new FrameDecoder(DecodeLimits.defaults());
    private final RecordingSink sink = new RecordingSink();

    /** Ethernet/IPv4/TCP 10.0.0.1:40001 → 10.0.0.2:5060 with the given seq, flags and ASCII payload. */
    private static byte[] c2s(int seq, int flags, String payload) {
        return eth(ipv4(Pkt.TCP, "10.0.0.1", "10.0.0.2", Pkt.tcp(40001, 5060, seq, flags, ascii(payload))), 0x0800);
    }

    /** Ethernet/IPv4/TCP 10.0.0.2:5060 → 10.0.0.1:40001. */
    private static byte[] s2c(int seq, int flags, String payload) {
        return eth(ipv4(Pkt.TCP, "10.0.0.2", "10.0.0.1", Pkt.tcp(5060, 40001, seq, flags, ascii(payload))), 0x0800);
    }

    /** Segment {@code i} (0..2) of {@link #SIP} for a stream whose first data byte has sequence {@code base}. */
    private static byte[] segment(int base, int i) {
        return c2s(base + CUTS[i], PSH_ACK, SIP.substring(CUTS[i], CUTS[i + 1]));
    }

    private void decode(long t, byte[] frame) {
        decoder.decode(t, LinkType.EN10MB, frame, 0, frame.length, sink);
    }

    private long dataEvents() {
        return sink.tcpEvents.stream().filter(e -> e.startsWith("data")).count();
    }

    @Test
    void three_segments_in_order() {
        decode(1, c2s(1000, SYN, ""));
        decode(2, s2c(5000, SYN | ACK, ""));
        for (int i = 0; i < 3; i++) {
            decode(10 + i, segment(1001, i));
        }
        assertEquals(SIP, sink.stream(C2S));
        assertEquals(List.of(10L, 11L, 12L), sink.tcpNanos);
        assertEquals(5L, Outcomes.count(decoder, "tcp"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void three_segments_reversed_are_held_until_the_hole_fills() {
        decode(1, c2s(1000, SYN, ""));
        decode(10, segment(1001, 2));
        decode(11, segment(1001, 1));
        assertEquals(0, dataEvents());
        assertTrue(decoder.state().get("tcp-held-bytes") > 0);
        decode(12, segment(1001, 0));
        assertEquals(SIP, sink.stream(C2S));
        assertEquals(List.of(12L, 12L, 12L), sink.tcpNanos, "held bytes carry the time of the completing segment");
        assertEquals(0L, decoder.state().get("tcp-held-bytes"));
        assertEquals(2L, Outcomes.count(decoder, "tcp-out-of-order"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void retransmissions_and_overlaps_deliver_each_byte_once() {
        decode(1, c2s(1000, SYN, ""));
        decode(2, segment(1001, 0));
        decode(3, segment(1001, 0)); // retransmission of segment 0
        // a repacketised retransmission overlapping the end of segment 0 and the start of segment 1 (bytes 20..50)
        decode(4, c2s(1001 + 20, PSH_ACK, SIP.substring(20, 50)));
        decode(5, segment(1001, 2)); // segment 2 early
        decode(6, segment(1001, 2)); // and again while held
        decode(7, segment(1001, 1)); // overlaps the repacketised bytes 30..50
        decode(8, segment(1001, 1)); // full retransmission
        assertEquals(SIP, sink.stream(C2S));
        assertEquals(3L, Outcomes.count(decoder, "tcp-duplicate"));
        assertEquals(2L, Outcomes.count(decoder, "tcp-overlap"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void sequence_numbers_wrap_at_2_pow_32() {
        // ISN 2^32 - 40: the first data byte is 2^32 - 39, segment 1 starts 30 later and crosses zero
        int isn = -40;
        decode(1, c2s(isn, SYN, ""));
        decode(2, segment(isn + 1, 2)); // starts after the wrap: held
        decode(3, segment(isn + 1, 1)); // crosses the wrap: held
        decode(4, segment(isn + 1, 0)); // before the wrap: completes the stream
        assertEquals(SIP, sink.stream(C2S));
        // then more data in order after the wrap
        decode(5, c2s(isn + 1 + SIP.length(), PSH_ACK, "more"));
        assertEquals(SIP + "more", sink.stream(C2S));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void a_stream_picked_up_mid_connection_starts_at_the_first_data_seen() {
        decode(1, segment(777_000, 1));
        decode(2, segment(777_000, 2));
        decode(3, segment(777_000, 0)); // older bytes than where we started: a retransmission, not delivered
        assertEquals(SIP.substring(30), sink.stream(C2S));
        assertTrue(sink.tcpEvents.stream().noneMatch(e -> e.startsWith("gap")));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void pure_acks_are_not_delivered_and_do_not_create_state() {
        decode(1, c2s(5, ACK, ""));
        assertEquals(0, sink.events());
        assertEquals(0L, decoder.state().get("tcp-connections"));
        assertEquals(1L, Outcomes.count(decoder, "tcp"));
    }

    @Test
    void fin_both_ways_closes_and_forgets_the_connection() {
        decode(1, c2s(1000, SYN, ""));
        decode(2, s2c(5000, SYN | ACK, ""));
        decode(3, c2s(1001, PSH_ACK, "BYE"));
        decode(4, s2c(5001, PSH_ACK, "200"));
        decode(5, c2s(1004, FIN | ACK, ""));
        assertEquals(1L, decoder.state().get("tcp-connections"), "half closed");
        decode(6, s2c(5004, FIN | ACK, ""));
        assertEquals(List.of("data " + C2S + " BYE", "data " + S2C + " 200", "closed " + S2C + " fin"),
                sink.tcpEvents);
        assertEquals(0L, decoder.state().get("tcp-connections"));
        assertEquals(1L, Outcomes.count(decoder, "tcp-closed"));
        decode(7, c2s(1005, ACK, "")); // the last ACK after close creates nothing
        assertEquals(0L, decoder.state().get("tcp-connections"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void rst_closes_at_once() {
        decode(1, c2s(1000, SYN, ""));
        decode(2, c2s(1001, PSH_ACK, "INVITE"));
        decode(3, s2c(0, RST | ACK, ""));
        assertEquals(List.of("data " + C2S + " INVITE", "closed " + S2C + " rst"), sink.tcpEvents);
        assertEquals(0L, decoder.state().get("tcp-connections"));
        assertEquals(1L, Outcomes.count(decoder, "tcp-reset"));
    }

    @Test
    void a_new_syn_on_the_same_ports_starts_a_new_connection() {
        decode(1, c2s(1000, SYN, ""));
        decode(2, c2s(1001, PSH_ACK, "first"));
        // the phone reuses its source port for a new connection with ISN 900000 (no FIN/RST seen for the old one)
        decode(3, c2s(900_000, SYN, ""));
        decode(4, c2s(900_001, PSH_ACK, "second"));
        assertEquals(List.of("data " + C2S + " first", "closed " + C2S + " fin", "data " + C2S + " second"),
                sink.tcpEvents);
        assertEquals(1L, decoder.state().get("tcp-connections"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void an_out_of_order_flood_gives_up_the_hole_and_stays_bounded() {
        // 1 MiB of segments that all lie after a 100-byte hole that never fills (segments of 1000 bytes of 'a')
        DecodeLimits limits = DecodeLimits.defaults();
        decode(0, c2s(1000, SYN, ""));
        String chunk = "a".repeat(1000);
        long maxHeld = 0;
        for (int i = 0; i < 1024; i++) {
            decode(1 + i, c2s(1001 + 100 + i * 1000, PSH_ACK, chunk));
            maxHeld = Math.max(maxHeld, decoder.state().get("tcp-held-bytes"));
        }
        assertTrue(maxHeld <= limits.maxTcpBufferedBytes(), "held " + maxHeld);
        assertEquals("gap " + C2S, sink.tcpEvents.get(0));
        assertEquals(1L, Outcomes.count(decoder, "tcp-gap"));
        // after the gap everything from byte 100 on is delivered in order, each byte once
        assertEquals(1024 * 1000, sink.stream(C2S).length());
        assertEquals(0L, decoder.state().get("tcp-held-bytes"));
        // the missing 100 bytes arriving late are now old: not delivered
        decode(2000, c2s(1001, PSH_ACK, "b".repeat(100)));
        assertEquals(-1, sink.stream(C2S).indexOf('b'));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void segments_far_ahead_are_out_of_window() {
        decode(1, c2s(1000, SYN, ""));
        decode(2, c2s(1001 + (64 << 20), PSH_ACK, "far"));
        assertEquals(1L, Outcomes.count(decoder, "tcp-out-of-window"));
        assertEquals(0L, decoder.state().get("tcp-held-bytes"));
        Outcomes.assertBalanced(decoder);
    }

    @Test
    void the_connection_table_is_bounded_and_idle_connections_expire() {
        DecodeLimits limits = new DecodeLimits(1024, 65535, 1 << 20, 30 * SECOND, 100, 1 << 16, 1 << 20, 1 << 20,
                300 * SECOND, 4, 8);
        FrameDecoder d = new FrameDecoder(limits);
        for (int port = 1; port <= 1000; port++) {
            // one SYN from each client port 1..1000 to 10.0.0.2:5060
            byte[] syn = eth(ipv4(Pkt.TCP, "10.0.0.1", "10.0.0.2", Pkt.tcp(port, 5060, 1, SYN, new byte[0])), 0x0800);
            d.decode(port * SECOND, LinkType.EN10MB, syn, 0, syn.length, sink);
            assertTrue(d.state().get("tcp-connections") <= 100);
        }
        assertEquals(900L, Outcomes.count(d, "tcp-connections-overflow"));
        // evicted connections are reported closed, least recently active first
        assertEquals(900, sink.tcpEvents.size());
        assertEquals("closed 10.0.0.1:1>10.0.0.2:5060 fin", sink.tcpEvents.get(0));
        // connections last seen at 901..1000 s; at 1250 s those older than 950 s are idle for 300 s
        d.expire(1250 * SECOND);
        assertEquals(50L, d.state().get("tcp-connections"));
        assertEquals(50L, Outcomes.count(d, "tcp-idle-timeout"));
        assertEquals(900, sink.tcpEvents.size(), "expire without a sink reports nothing");
        d.expire(1300 * SECOND, sink);
        assertEquals(0L, d.state().get("tcp-connections"));
        assertEquals(950, sink.tcpEvents.size());
        assertEquals("closed 10.0.0.1:1000>10.0.0.2:5060 fin", sink.tcpEvents.get(949));
        Outcomes.assertBalanced(d);
    }

    @Test
    void out_of_order_bytes_of_all_connections_stay_under_the_total_cap() {
        // 64 kB per direction, 256 kB in all; 20 connections each with 60 kB held behind a hole
        DecodeLimits limits = new DecodeLimits(1024, 65535, 1 << 20, 30 * SECOND, 100, 64_000, 256_000, 1 << 20,
                300 * SECOND, 4, 8);
        FrameDecoder d = new FrameDecoder(limits);
        String chunk = "c".repeat(1000);
        for (int conn = 1; conn <= 20; conn++) {
            for (int i = 0; i < 60; i++) {
                byte[] seg = eth(ipv4(Pkt.TCP, "10.0.0.1", "10.0.0.2",
                        Pkt.tcp(conn, 5060, 1 + (i == 0 ? 0 : 1000 + i * 1000), PSH_ACK, ascii(chunk))), 0x0800);
                d.decode(conn, LinkType.EN10MB, seg, 0, seg.length, sink);
                assertTrue(d.state().get("tcp-held-bytes") <= 256_000, d.state().toString());
            }
        }
        assertTrue(Outcomes.count(d, "tcp-gap") > 0);
        Outcomes.assertBalanced(d);
    }

    @Test
    void tcp_over_ipv6_and_a_truncated_header() {
        byte[] v6 = eth(Pkt.ipv6(Pkt.TCP, "2001:db8::1", "2001:db8::2",
                Pkt.tcp(40001, 5060, 9, PSH_ACK, ascii("REGISTER"))), 0x86DD);
        decode(1, v6);
        assertEquals("REGISTER", sink.stream("[2001:db8::1]:40001>[2001:db8::2]:5060"));
        byte[] cut = Arrays.copyOf(c2s(1, PSH_ACK, "x"), 14 + 20 + 12);
        decode(2, cut);
        assertEquals(1L, Outcomes.count(decoder, "truncated-tcp-header"));
        Outcomes.assertBalanced(decoder);
    }
}
