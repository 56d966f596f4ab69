package org.shadowrec.testpcaps.gen;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One simulated endpoint: its IP address (v4 or v6) and its MAC address.
 *
 * @param ip   textual address as SIP/SDP write it (no brackets)
 * @param addr 4 or 16 address bytes
 * @param mac  6 MAC bytes (locally administered)
 */
record Host(String ip, byte[] addr, byte[] mac) {

    static Host of(String ip, int macSuffix) {
        try {
            byte[] a = InetAddress.getByName(ip).getAddress();
            byte[] mac = {0x02, 0x00, 0x5E, (byte) (macSuffix >> 16), (byte) (macSuffix >> 8), (byte) macSuffix};
            return new Host(ip, a, mac);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }

    boolean v6() {
        return addr.length == 16;
    }

    /** @return host part of a SIP URI / Via sent-by (IPv6 in brackets, RFC 3261 §25.1) */
    String sipHost() {
        return v6() ? "[" + ip + "]" : ip;
    }

    /** @return "ip:port", IPv6 as "[ip]:port" */
    String hostPort(int port) {
        return sipHost() + ":" + port;
    }

    /** @return "IP4" or "IP6" for SDP c=/o= lines (RFC 8866 §5.7) */
    String sdpAddrType() {
        return v6() ? "IP6" : "IP4";
    }
}
