package org.shadowrec.capture.decode;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Small builders for test frames: each returns the bytes of one header followed by its payload. */
final class Pkt {
    static final int UDP = 17;
    static final int TCP = 6;

    private Pkt() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Ethernet II: dst 02:00:00:00:00:02, src 02:00:00:00:00:01, the given type(s) (VLAN TPIDs first). */
    static byte[] eth(byte[] payload, int... types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        for (int i = 0; i < types.length; i++) {
            out.writeBytes(be16(types[i]));
            if (i < types.length - 1) {
                out.writeBytes(be16(100 + i)); // TCI: PCP 0, DEI 0, VLAN id 100 + i
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Linux cooked v1: packet type 0 (to us), ARPHRD_ETHER, 6-byte address padded to 8, protocol. */
    static byte[] sll(int protocol, byte[] payload) {
        return cat(be16(0), be16(1), be16(6), new byte[] {2, 0, 0, 0, 0, 1, 0, 0}, be16(protocol), payload);
    }

    /** Linux cooked v2: protocol, reserved, ifindex 2, ARPHRD_ETHER, packet type 0, address length 6, address. */
    static byte[] sll2(int protocol, byte[] payload) {
        return cat(be16(protocol), be16(0), be32(2), be16(1), new byte[] {0, 6}, new byte[] {2, 0, 0, 0, 0, 1, 0, 0},
                payload);
    }

    /** BSD loopback: 4-byte address family, big- or little-endian. */
    static byte[] loopback(int family, boolean bigEndian, byte[] payload) {
        byte[] f = be32(bigEndian ? family : Integer.reverseBytes(family));
        return cat(f, payload);
    }

    /** IPv4 header (no options, DF clear, TTL 64) + payload. */
    static byte[] ipv4(int proto, String src, String dst, byte[] payload) {
        return ipv4(proto, src, dst, 0x1234, 0, new byte[0], payload);
    }

    /**
     * IPv4 header with identification, flags/fragment-offset word and options (length a multiple of 4) + payload;
     * the total length covers header + payload.
     */
    static byte[] ipv4(int proto, String src, String dst, int id, int flagsOffset, byte[] options, byte[] payload) {
        int ihl = 20 + options.length;
        return cat(new byte[] {(byte) (0x40 | ihl / 4), 0}, be16(ihl + payload.length), be16(id), be16(flagsOffset),
                new byte[] {64, (byte) proto, 0, 0}, addr(src), addr(dst), options, payload);
    }

    /** IPv6 header (traffic class 0, flow label 0, hop limit 64) + payload. */
    static byte[] ipv6(int next, String src, String dst, byte[] payload) {
        return cat(new byte[] {0x60, 0, 0, 0}, be16(payload.length), new byte[] {(byte) next, 64}, addr(src),
                addr(dst), payload);
    }

    /** An 8-byte IPv6 options header (hop-by-hop or destination options): next header, length 0, PadN(4). */
    static byte[] options8(int next, byte[] payload) {
        return cat(new byte[] {(byte) next, 0, 1, 4, 0, 0, 0, 0}, payload);
    }

    /** IPv6 fragment header: next header, offset (bytes, multiple of 8), M flag, identification. */
    static byte[] frag6(int next, int offset, boolean more, int id, byte[] payload) {
        return cat(new byte[] {(byte) next, 0}, be16(offset | (more ? 1 : 0)), be32(id), payload);
    }

    /** UDP header (checksum 0) + payload. */
    static byte[] udp(int sport, int dport, byte[] payload) {
        return cat(be16(sport), be16(dport), be16(8 + payload.length), be16(0), payload);
    }

    /** TCP header (20 bytes, ack 0, window 65535) + payload; flags: FIN 1, SYN 2, RST 4, PSH 8, ACK 16. */
    static byte[] tcp(int sport, int dport, int seq, int flags, byte[] payload) {
        return cat(be16(sport), be16(dport), be32(seq), be32(0), new byte[] {0x50, (byte) flags}, be16(65535),
                be16(0), be16(0), payload);
    }

    /** TCP header (20 bytes, window 65535) with an acknowledgement number + payload. */
    static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] payload) {
        return cat(be16(sport), be16(dport), be32(seq), be32(ack), new byte[] {0x50, (byte) flags}, be16(65535),
                be16(0), be16(0), payload);
    }

    /** ICMP error header: type, code, checksum 0, unused 0, then the quoted bytes. */
    static byte[] icmp(int type, int code, byte[] quoted) {
        return cat(new byte[] {(byte) type, (byte) code, 0, 0, 0, 0, 0, 0}, quoted);
    }
}
