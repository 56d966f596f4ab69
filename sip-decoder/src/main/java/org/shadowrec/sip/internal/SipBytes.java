package org.shadowrec.sip.internal;

import java.nio.charset.StandardCharsets;

/** Byte-level helpers shared by the decoder, the framer and the multipart splitter. Offsets are absolute. */
public final class SipBytes {
    private static final byte[] SIP_VERSION = {'S', 'I', 'P', '/', '2', '.', '0'};
    private static final int MAX_METHOD_LENGTH = 64;

    private SipBytes() {}

    /** RFC 3261 §25.1 token character. */
    public static boolean isTokenChar(int b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return switch (b) {
            case '-', '.', '!', '%', '*', '_', '+', '`', '\'', '~' -> true;
            default -> false;
        };
    }

    /**
     * True when the bytes at {@code off} start with a SIP start line (RFC 3261 §7.1, §7.2) ended by LF or CRLF:
     * {@code SIP/2.0 NNN ...} or {@code TOKEN SP Request-URI SP SIP/2.0}. Allocation-free, never throws.
     */
    public static boolean isStartLine(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
            return false;
        }
        int end = off + len;
        if (startsWith(buf, off, end, SIP_VERSION)) {
            return isStatusLine(buf, off + SIP_VERSION.length, end);
        }
        return isRequestLine(buf, off, end);
    }

    private static boolean isStatusLine(byte[] buf, int p, int end) {
        if (end - p < 4 || buf[p] != ' ') {
            return false;
        }
        for (int i = 1; i <= 3; i++) {
            if (buf[p + i] < '0' || buf[p + i] > '9') {
                return false;
            }
        }
        int q = p + 4;
        if (q == end) {
            return false;
        }
        if (buf[q] == ' ' || buf[q] == '\t') {
            return lineEndFollows(buf, q, end);
        }
        return buf[q] == '\r' || buf[q] == '\n';
    }

    /** Reason phrases may hold any UTF-8 bytes but no bare control characters other than HTAB. */
    private static boolean lineEndFollows(byte[] buf, int p, int end) {
        for (int i = p; i < end; i++) {
            int b = buf[i] & 0xff;
            if (b == '\r' || b == '\n') {
                return true;
            }
            if (b < 0x20 && b != '\t' || b == 0x7f) {
                return false;
            }
        }
        return false;
    }

    private static boolean isRequestLine(byte[] buf, int off, int end) {
        int p = off;
        while (p < end && p - off <= MAX_METHOD_LENGTH && isTokenChar(buf[p])) {
            p++;
        }
        if (p == off || p >= end || buf[p] != ' ') {
            return false;
        }
        int uriStart = ++p;
        while (p < end && buf[p] != ' ') {
            int b = buf[p] & 0xff;
            if (b <= 0x20 || b == 0x7f) {
                return false;
            }
            p++;
        }
        if (p == uriStart || p >= end) {
            return false;
        }
        p++;
        if (!startsWith(buf, p, end, SIP_VERSION)) {
            return false;
        }
        p += SIP_VERSION.length;
        return p < end && (buf[p] == '\n' || buf[p] == '\r' && p + 1 < end && buf[p + 1] == '\n');
    }

    static boolean startsWith(byte[] buf, int p, int end, byte[] prefix) {
        if (end - p < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index just past the empty line that ends a header section starting at {@code from} (CRLFCRLF, LFLF or a mix),
     * or -1 if the section is not complete within {@code end}.
     */
    public static int headerEnd(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            int j = i + 1;
            if (j < end && buf[j] == '\r') {
                j++;
            }
            if (j < end && buf[j] == '\n') {
                return j + 1;
            }
        }
        return -1;
    }

    /** Index of the LF ending the line that starts at {@code from}, or -1. */
    public static int lineFeed(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** ASCII-only lower-case comparison of a byte range with a lower-case ASCII name. */
    static boolean equalsIgnoreCase(byte[] buf, int p, int end, String lowerName) {
        if (end - p != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int b = buf[p + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Decodes UTF-8 (malformed sequences become U+FFFD). */
    public static String utf8(byte[] buf, int off, int len) {
        return new String(buf, off, len, StandardCharsets.UTF_8);
    }

    /** A printable, bounded rendering of packet text for a Malformed detail (control characters escaped). */
    public static String printable(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= max) {
            b.append("...");
        }
        return b.toString();
    }
}
