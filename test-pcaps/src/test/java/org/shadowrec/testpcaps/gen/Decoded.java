package org.shadowrec.testpcaps.gen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Independent decoding of one generated frame (tests only): Ethernet, any number of 802.1Q/802.1ad tags, IPv4/IPv6,
 * UDP/TCP, with every checksum verified.
 *
 * @param vlans      VLAN ids, outermost first
 * @param v6         IPv6
 * @param proto      6 or 17 (or the IPv4 protocol of a fragment)
 * @param src        source address
 * @param dst        destination address
 * @param ipId       IPv4 identification
 * @param fragOffset IPv4 fragment offset in bytes
 * @param moreFragments IPv4 MF flag
 * @param ipPayload  IP payload (whole L4 segment, or the fragment's bytes)
 * @param ipChecksumOk IPv4 header checksum verifies (always true for IPv6)
 */
record Decoded(int[] vlans, boolean v6, int proto, String src, String dst, int ipId, int fragOffset,
               boolean moreFragments, byte[] ipPayload, boolean ipChecksumOk, byte[] srcAddr, byte[] dstAddr) {

    static Decoded of(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int pos = 12;
        int[] vlans = new int[0];
        int type = b.getShort(pos) & 0xFFFF;
        while (type == 0x8100 || type == 0x88A8) {
            vlans = Arrays.copyOf(vlans, vlans.length + 1);
            vlans[vlans.length - 1] = b.getShort(pos + 2) & 0x0FFF;
            pos += 4;
            type = b.getShort(pos) & 0xFFFF;
        }
        int ip = pos + 2;
        if (type == 0x0800) {
            int ihl = (frame[ip] & 0x0F) * 4;
            int total = b.getShort(ip + 2) & 0xFFFF;
            boolean ok = Frames.checksum(0, frame, ip, ihl) == 0;
            int flags = b.getShort(ip + 6) & 0xFFFF;
            byte[] s = Arrays.copyOfRange(frame, ip + 12, ip + 16);
            byte[] d = Arrays.copyOfRange(frame, ip + 16, ip + 20);
            return new Decoded(vlans, false, frame[ip + 9] & 0xFF, text(s), text(d), b.getShort(ip + 4) & 0xFFFF,
                    (flags & 0x1FFF) * 8, (flags & 0x2000) != 0, Arrays.copyOfRange(frame, ip + ihl, ip + total), ok,
                    s, d);
        }
        if (type == 0x86DD) {
            int len = b.getShort(ip + 4) & 0xFFFF;
            byte[] s = Arrays.copyOfRange(frame, ip + 8, ip + 24);
            byte[] d = Arrays.copyOfRange(frame, ip + 24, ip + 40);
            return new Decoded(vlans, true, frame[ip + 6] & 0xFF, text(s), text(d), 0, 0, false,
                    Arrays.copyOfRange(frame, ip + 40, ip + 40 + len), true, s, d);
        }
        throw new IllegalArgumentException("not IP: ethertype " + Integer.toHexString(type));
    }

    boolean fragment() {
        return fragOffset != 0 || moreFragments;
    }

    /** @return true when the L4 checksum over {@code segment} (pseudo-header included) verifies */
    boolean l4ChecksumOk(byte[] segment) {
        byte[] pseudo = ByteBuffer.allocate(srcAddr.length * 2 + 8).put(srcAddr).put(dstAddr).putInt(segment.length)
                .putInt(proto).array();
        byte[] all = ByteBuffer.allocate(pseudo.length + segment.length).put(pseudo).put(segment).array();
        return Frames.checksum(0, all, 0, all.length) == 0;
    }

    int srcPort(byte[] segment) {
        return ((segment[0] & 0xFF) << 8) | (segment[1] & 0xFF);
    }

    int dstPort(byte[] segment) {
        return ((segment[2] & 0xFF) << 8) | (segment[3] & 0xFF);
    }

    static String text(byte[] addr) {
        try {
            return InetAddress.getByAddress(addr).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
