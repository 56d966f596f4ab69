package org.shadowrec.correlator.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address and port, IPv4 held as an IPv4-mapped IPv6 address so that one type serves both. A value type:
 * cheap to build per packet, usable as a hash key. {@link #toString()} gives {@code 10.0.0.1:5060} or
 * {@code [2001:db8::1]:5060}.
 *
 * @param hi upper 64 bits of the IPv6 (or mapped IPv4) address
 * @param lo lower 64 bits
 * @param port 0..65535
 */
public record Endpoint(long hi, long lo, int port) {
    private static final long V4_MAPPED_PREFIX = 0xFFFF_0000_0000L;

    /** An IPv4 endpoint from the address as a 32-bit int (network order value). */
    public static Endpoint ipv4(int addr, int port) {
        return new Endpoint(0L, V4_MAPPED_PREFIX | (addr & 0xFFFF_FFFFL), port);
    }

    /** An IPv6 endpoint from 16 address bytes at {@code off}. */
    public static Endpoint ipv6(byte[] buf, int off, int port) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (buf[off + i] & 0xFF);
            lo = (lo << 8) | (buf[off + 8 + i] & 0xFF);
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return new Endpoint(0L, lo, port);
        }
        return new Endpoint(hi, lo, port);
    }

    /**
     * Parses a textual address as found in SDP {@code c=} or a Via (IPv4 dotted quad or IPv6 literal, brackets
     * allowed). Returns null for anything else. Host names are never resolved (passive capture never does DNS): an
     * IPv4 text is parsed here, strictly four decimal parts 0..255, and only a text with a colon reaches
     * {@link InetAddress#getByName}, which treats it as an IPv6 literal and never looks it up.
     */
    public static Endpoint parse(String address, int port) {
        if (address == null || port < 0 || port > 0xFFFF) {
            return null;
        }
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty() || a.length() > 64) {
            return null;
        }
        if (a.indexOf(':') < 0) {
            long v4 = parseDottedQuad(a);
            return v4 < 0 ? null : ipv4((int) v4, port);
        }
        if (!isIpv6Text(a)) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(a).getAddress();
            if (b.length == 4) {
                int v = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                return ipv4(v, port);
            }
            return ipv6(b, 0, port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code a} is not exactly four decimal parts 0..255. */
    private static long parseDottedQuad(String a) {
        long value = 0;
        int parts = 0;
        int i = 0;
        while (i <= a.length()) {
            int start = i;
            int part = 0;
            while (i < a.length() && a.charAt(i) >= '0' && a.charAt(i) <= '9' && i - start < 3) {
                part = part * 10 + (a.charAt(i++) - '0');
            }
            if (i == start || part > 255 || ++parts > 4) {
                return -1;
            }
            value = (value << 8) | part;
            if (i == a.length()) {
                break;
            }
            if (a.charAt(i++) != '.') {
                return -1;
            }
        }
        return parts == 4 ? value : -1;
    }

    private static boolean isIpv6Text(String a) {
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
                    || c == ':' || c == '%';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True for an IPv4 (mapped) address. */
    public boolean isIpv4() {
        return hi == 0L && (lo >>> 32) == 0xFFFFL;
    }

    /** The same address with another port. */
    public Endpoint withPort(int newPort) {
        return new Endpoint(hi, lo, newPort);
    }

    /** The address alone, e.g. {@code 10.0.0.1} or {@code 2001:db8::1}. */
    public String address() {
        if (isIpv4()) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        try {
            String s = InetAddress.getByAddress(b).getHostAddress();
            return s.replaceAll("((?::0\\b){2,}):?(?!\\S*\\b\\1:0\\b)(\\S*)", "::$2").replaceFirst("^0::", "::");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return isIpv4() ? address() + ":" + port : "[" + address() + "]:" + port;
    }
}
