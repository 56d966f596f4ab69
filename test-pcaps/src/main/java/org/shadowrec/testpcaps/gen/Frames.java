package org.shadowrec.testpcaps.gen;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds complete Ethernet frames: Ethernet II (+ 802.1Q / 802.1ad tags) → IPv4 (RFC 791) or IPv6 (RFC 8200) →
 * UDP (RFC 768) or TCP (RFC 9293), with every checksum computed (RFC 1071 one's complement sum).
 */
final class Frames {
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int TCP_FIN = 0x01;
    static final int TCP_SYN = 0x02;
    static final int TCP_PSH = 0x08;
    static final int TCP_ACK = 0x10;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int TPID_8021Q = 0x8100;
    private static final int TPID_8021AD = 0x88A8;

    private final int[] vlans;

    /** @param vlans VLAN ids, outermost first: none, one (802.1Q) or two (QinQ: 802.1ad outer, 802.1Q inner) */
    Frames(int[] vlans) {
        this.vlans = vlans.clone();
    }

    /** @return one frame holding a whole UDP datagram (built in one array: this is the per-packet hot path) */
    byte[] udp(Host src, Host dst, int sport, int dport, byte[] payload, int ipId) {
        int l4Len = 8 + payload.length;
        ByteBuffer b = headers(src, dst, PROTO_UDP, l4Len, ipId);
        int l4 = b.position();
        b.putShort((short) sport).putShort((short) dport).putShort((short) l4Len).putShort((short) 0).put(payload);
        byte[] f = b.array();
        int sum = checksum(pseudoHeaderSum(src, dst, PROTO_UDP, l4Len), f, l4, l4Len);
        if (sum == 0) {
            sum = 0xFFFF;
        }
        f[l4 + 6] = (byte) (sum >> 8);
        f[l4 + 7] = (byte) sum;
        return f;
    }

    /**
     * Splits a UDP datagram over IPv4 fragments (RFC 791 §2.3): each fragment's payload is a multiple of 8 bytes and
     * fits {@code mtu}.
     *
     * @return the fragments in offset order
     */
    List<byte[]> udpFragments(Host src, Host dst, int sport, int dport, byte[] payload, int ipId, int mtu) {
        if (src.v6()) {
            throw new IllegalArgumentException("IPv4 fragmentation only");
        }
        byte[] l4 = udpSegment(src, dst, sport, dport, payload);
        int chunk = (mtu - 20) & ~7;
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < l4.length; off += chunk) {
            int len = Math.min(chunk, l4.length - off);
            boolean more = off + len < l4.length;
            int flagsFrag = (more ? 0x2000 : 0) | (off / 8);
            out.add(ethernet(src, dst, ETHERTYPE_IPV4, ipv4(src, dst, PROTO_UDP, l4, off, len, ipId, flagsFrag)));
        }
        return out;
    }

    /** @return one frame holding one TCP segment; {@code options} must be a multiple of 4 bytes */
    byte[] tcp(Host src, Host dst, int sport, int dport, long seq, long ack, int flags, byte[] options,
               byte[] payload, int ipId) {
        int hl = 20 + options.length;
        int l4Len = hl + payload.length;
        ByteBuffer b = headers(src, dst, PROTO_TCP, l4Len, ipId);
        int l4 = b.position();
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) ((hl / 4) << 4)).put((byte) flags).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0).put(options).put(payload);
        byte[] f = b.array();
        int sum = checksum(pseudoHeaderSum(src, dst, PROTO_TCP, l4Len), f, l4, l4Len);
        f[l4 + 16] = (byte) (sum >> 8);
        f[l4 + 17] = (byte) sum;
        return f;
    }

    /**
     * Allocates the whole frame and writes Ethernet (+ tags) and the IP header (IPv4 checksum included).
     *
     * @return a buffer over the frame, positioned at the start of the L4 header
     */
    private ByteBuffer headers(Host src, Host dst, int proto, int l4Len, int ipId) {
        int ipLen = src.v6() ? 40 : 20;
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans.length + ipLen + l4Len);
        b.put(dst.mac()).put(src.mac());
        for (int i = 0; i < vlans.length; i++) {
            int tpid = vlans.length > 1 && i == 0 ? TPID_8021AD : TPID_8021Q;
            b.putShort((short) tpid).putShort((short) (vlans[i] & 0x0FFF));
        }
        if (src.v6()) {
            b.putShort((short) ETHERTYPE_IPV6).putInt(0x6000_0000).putShort((short) l4Len).put((byte) proto)
                    .put((byte) 64).put(src.addr()).put(dst.addr());
            return b;
        }
        b.putShort((short) ETHERTYPE_IPV4);
        int ip = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4Len)).putShort((short) ipId)
                .putShort((short) 0).put((byte) 64).put((byte) proto).putShort((short) 0)
                .put(src.addr()).put(dst.addr());
        int sum = checksum(0, b.array(), ip, 20);
        b.array()[ip + 10] = (byte) (sum >> 8);
        b.array()[ip + 11] = (byte) sum;
        return b;
    }

    private byte[] udpSegment(Host src, Host dst, int sport, int dport, byte[] payload) {
        int len = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putShort((short) sport).putShort((short) dport).putShort((short) len).putShort((short) 0).put(payload);
        byte[] seg = b.array();
        int sum = checksum(pseudoHeaderSum(src, dst, PROTO_UDP, len), seg, 0, len);
        if (sum == 0) {
            sum = 0xFFFF;
        }
        seg[6] = (byte) (sum >> 8);
        seg[7] = (byte) sum;
        return seg;
    }

    private static byte[] ipv4(Host src, Host dst, int proto, byte[] l4, int off, int len, int ipId, int flagsFrag) {
        ByteBuffer b = ByteBuffer.allocate(20 + len);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + len)).putShort((short) ipId)
                .putShort((short) flagsFrag).put((byte) 64).put((byte) proto).putShort((short) 0)
                .put(src.addr()).put(dst.addr()).put(l4, off, len);
        byte[] p = b.array();
        int sum = checksum(0, p, 0, 20);
        p[10] = (byte) (sum >> 8);
        p[11] = (byte) sum;
        return p;
    }

    private byte[] ethernet(Host src, Host dst, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlans.length + payload.length);
        b.put(dst.mac()).put(src.mac());
        for (int i = 0; i < vlans.length; i++) {
            int tpid = vlans.length > 1 && i == 0 ? TPID_8021AD : TPID_8021Q;
            b.putShort((short) tpid).putShort((short) (vlans[i] & 0x0FFF));
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    private static int pseudoHeaderSum(Host src, Host dst, int proto, int length) {
        int sum = sum16(0, src.addr(), 0, src.addr().length);
        sum = sum16(sum, dst.addr(), 0, dst.addr().length);
        return sum + proto + (length >>> 16) + (length & 0xFFFF);
    }

    private static int sum16(int sum, byte[] data, int off, int len) {
        long s = sum & 0xFFFF_FFFFL;
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            s += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < off + len) {
            s += (data[i] & 0xFF) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    /** @return the one's complement of the one's complement sum of {@code initial} and the data (RFC 1071) */
    static int checksum(int initial, byte[] data, int off, int len) {
        return ~sum16(initial, data, off, len) & 0xFFFF;
    }
}
