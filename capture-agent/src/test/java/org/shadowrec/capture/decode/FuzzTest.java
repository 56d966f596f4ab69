package org.shadowrec.capture.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shadowrec.capture.decode.Pkt.ascii;
import static org.shadowrec.capture.decode.Pkt.cat;
import static org.shadowrec.capture.decode.Pkt.eth;
import static org.shadowrec.capture.decode.Pkt.icmp;
import static org.shadowrec.capture.decode.Pkt.ipv4;
import static org.shadowrec.capture.decode.Pkt.ipv6;
import static org.shadowrec.capture.decode.Pkt.options8;
import static org.shadowrec.capture.decode.Pkt.udp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.correlator.api.Endpoint;

/** Random and mutated frames: nothing escapes decode(), every frame gets one outcome, every range handed on is valid. */
class FuzzTest {
    private static final int FRAMES = 50_000;

    /** IP packets (no link header) used as seeds: one of each shape the decoder knows. */
    static List<byte[]> ipSeeds() {
        List<byte[]> s = new ArrayList<>();
        byte[] sipUdp = udp(5060, 5060, ascii("INVITE sip:b@x SIP/2.0\r\nContent-Length: 0\r\n\r\n"));
        s.add(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", sipUdp));
        s.add(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", 5, 0, new byte[] {1, 1, 1, 0}, sipUdp));
        s.add(ipv6(Pkt.UDP, "2001:db8::1", "2001:db8::2", sipUdp));
        s.add(ipv6(0, "2001:db8::1", "2001:db8::2", options8(60, options8(Pkt.UDP, sipUdp))));
        for (int seq : new int[] {100, 100 + 16}) {
            s.add(ipv4(Pkt.TCP, "10.0.0.1", "10.0.0.2", Pkt.tcp(4000, 5060, seq, 8 | 16, ascii("REGISTER sip:x"))));
        }
        s.add(ipv4(Pkt.TCP, "10.0.0.1", "10.0.0.2", Pkt.tcp(4000, 5060, 99, 2, new byte[0])));
        s.add(ipv4(Pkt.TCP, "10.0.0.2", "10.0.0.1", Pkt.tcp(5060, 4000, 7, 1 | 16, new byte[0])));
        s.add(ipv4(Pkt.TCP, "10.0.0.2", "10.0.0.1", Pkt.tcp(5060, 4000, 7, 4, new byte[0])));
        s.add(ipv4(1, "10.0.0.2", "10.0.0.1", icmp(3, 3, Arrays.copyOf(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2",
                sipUdp), 28))));
        s.add(ipv6(58, "2001:db8::2", "2001:db8::1", icmp(1, 4, ipv6(Pkt.UDP, "2001:db8::1", "2001:db8::2",
                sipUdp))));
        s.add(ipv4(4, "10.0.0.1", "10.0.0.2", ipv4(Pkt.UDP, "172.16.0.1", "172.16.0.2", sipUdp)));
        s.add(ipv4(41, "10.0.0.1", "10.0.0.2", ipv6(Pkt.UDP, "fd00::1", "fd00::2", sipUdp)));
        // two fragments of one datagram, IPv4 and IPv6
        byte[] big = udp(5060, 5060, new byte[200]);
        s.add(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", 77, 0x2000, new byte[0], Arrays.copyOf(big, 104)));
        s.add(ipv4(Pkt.UDP, "10.0.0.1", "10.0.0.2", 77, 104 / 8, new byte[0], Arrays.copyOfRange(big, 104, 208)));
        s.add(ipv6(44, "2001:db8::1", "2001:db8::2", Pkt.frag6(Pkt.UDP, 0, true, 9, Arrays.copyOf(big, 104))));
        s.add(ipv6(44, "2001:db8::1", "2001:db8::2", Pkt.frag6(Pkt.UDP, 104, false, 9,
                Arrays.copyOfRange(big, 104, 208))));
        return s;
    }

    /** Wraps an IP packet in the link header of {@code linkType}. */
    static byte[] frame(int linkType, byte[] ip, Random r) {
        boolean v6 = (ip[0] & 0xF0) == 0x60;
        int type = v6 ? 0x86DD : 0x0800;
        return switch (linkType) {
            case LinkType.EN10MB -> switch (r.nextInt(3)) {
                case 0 -> eth(ip, type);
                case 1 -> eth(ip, 0x8100, type);
                default -> eth(ip, 0x88A8, 0x8100, type);
            };
            case LinkType.LINUX_SLL -> Pkt.sll(type, ip);
            case LinkType.LINUX_SLL2 -> Pkt.sll2(type, ip);
            case LinkType.NULL, LinkType.LOOP -> Pkt.loopback(v6 ? 30 : 2, r.nextBoolean(), ip);
            default -> ip;
        };
    }

    static byte[] mutate(byte[] f, Random r) {
        byte[] b = f.clone();
        switch (r.nextInt(6)) {
            case 0 -> { // random bytes
                b = new byte[r.nextInt(200)];
                r.nextBytes(b);
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncation
            case 2 -> { // a few flipped bytes, mostly in the headers
                for (int i = r.nextInt(4) + 1; i > 0; i--) {
                    int at = r.nextInt(Math.min(b.length, 100));
                    b[at] = (byte) r.nextInt(256);
                }
            }
            case 3 -> { // one length-like 16-bit field set to an extreme
                int at = r.nextInt(Math.max(1, Math.min(b.length - 1, 90)));
                int v = new int[] {0, 1, 7, 8, 0xFFFF, 0x7FFF, b.length, b.length + 1}[r.nextInt(8)];
                b[at] = (byte) (v >>> 8);
                b[at + 1] = (byte) v;
            }
            case 4 -> b = cat(b, new byte[r.nextInt(40)]); // trailing bytes
            default -> { // unchanged
            }
        }
        return b;
    }

    /** Fails (with an Error, which decode() does not catch) on any range outside the buffer. */
    static final class BoundsCheckingSink implements DecodedSink {
        long delivered;

        private void check(byte[] buf, int off, int len) {
            if (off < 0 || len < 0 || off > buf.length - len) {
                throw new AssertionError("range " + off + "+" + len + " outside " + buf.length);
            }
            for (int i = off; i < off + len; i++) {
                delivered += buf[i];
            }
        }

        private static void check(Endpoint... e) {
            for (Endpoint x : e) {
                if (x == null || x.port() < 0 || x.port() > 0xFFFF) {
                    throw new AssertionError("endpoint " + x);
                }
            }
        }

        @Override
        public void udp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
            check(src, dst);
            check(buf, off, len);
        }

        @Override
        public void tcp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
            check(src, dst);
            check(buf, off, len);
            if (len == 0) {
                throw new AssertionError("empty tcp delivery");
            }
        }

        @Override
        public void tcpGap(long captureNanos, Endpoint src, Endpoint dst) {
            check(src, dst);
        }

        @Override
        public void tcpClosed(long captureNanos, Endpoint src, Endpoint dst, boolean reset) {
            check(src, dst);
        }

        @Override
        public void icmpError(long captureNanos, Endpoint reporter, Endpoint origSrc, Endpoint origDst,
                String kind) {
            check(reporter, origSrc, origDst);
        }
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(ints = {LinkType.NULL, LinkType.EN10MB, LinkType.RAW_12, LinkType.RAW_14, LinkType.RAW,
        LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 147})
    void random_and_mutated_frames_never_escape(int linkType) {
        Random r = new Random(0x5EED_0000L + linkType);
        List<byte[]> seeds = ipSeeds();
        FrameDecoder d = new FrameDecoder(DecodeLimits.defaults());
        BoundsCheckingSink sink = new BoundsCheckingSink();
        long t = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] f = mutate(frame(linkType, seeds.get(r.nextInt(seeds.size())), r), r);
            int off = r.nextInt(3) == 0 ? r.nextInt(16) : 0;
            byte[] buf = new byte[off + f.length + r.nextInt(4)];
            System.arraycopy(f, 0, buf, off, f.length);
            t += r.nextInt(50_000_000);
            d.decode(t, linkType, buf, off, f.length, sink);
            if (i % 1000 == 0) {
                d.expire(t);
            }
        }
        assertEquals((long) FRAMES, Outcomes.count(d, "frames"));
        Outcomes.assertBalanced(d); // includes decoder-bug == 0
        if (linkType != 147) {
            assertTrue(Outcomes.count(d, "udp") > 1000, () -> d.counters().toString());
        }
    }
}
