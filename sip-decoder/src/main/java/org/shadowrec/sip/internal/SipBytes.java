package org.shadowrec.sip.internal;

import java.nio.charset.StandardCharsets;

/** Byte-level helpers shared by the decoder, the framer and the multipart splitter. Offsets are absolute. */
public final class SipBytes {
    private static final byte[] SIP_VERSION = {'S', 'I', 'P', '/', '2', '.', '0'};
    private static final int MAX_METHOD_LENGTH = 64;

    private SipBytes() {}

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-.!%*_+`'~".indexOf(c) >= 0;
        }
    }

    /** RFC 3261 §25.1 token character (a byte value; negative bytes are not tokens). */
    public static boolean isTokenChar(int b) {
        return b >= 0 && b < 128 && TOKEN[b];
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
        return isLineEnd(buf, q, end);
    }

    /** LF, or CR immediately followed by LF, at {@code p}. */
    private static boolean isLineEnd(byte[] buf, int p, int end) {
        return p < end && (buf[p] == '\n' || buf[p] == '\r' && p + 1 < end && buf[p + 1] == '\n');
    }

    /** Reason phrases may hold any UTF-8 bytes but no bare control characters other than HTAB. */
    private static boolean lineEndFollows(byte[] buf, int p, int end) {
        for (int i = p; i < end; i++) {
            int b = buf[i] & 0xff;
            if (b == '\r' || b == '\n') {
                return isLineEnd(buf, i, end);
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
        return isLineEnd(buf, p + SIP_VERSION.length, end);
    }

    /** Methods tried as the suffix of a token run when resynchronising (longest first: PRACK before ACK). */
    private static final byte[][] KNOWN_METHODS = {
        bytes("SUBSCRIBE"), bytes("REGISTER"), bytes("OPTIONS"), bytes("MESSAGE"), bytes("PUBLISH"), bytes("INVITE"),
        bytes("CANCEL"), bytes("NOTIFY"), bytes("UPDATE"), bytes("PRACK"), bytes("REFER"), bytes("INFO"), bytes("BYE"),
        bytes("ACK"),
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Finds the first complete, plausible start line anywhere in {@code [from, end)}, also in the middle of a line
     * (a stream resumed after a gap may glue the next message to the end of an unterminated body). Anchored on
     * {@code SIP/2.0}: a status line starts there; a request line ends there, and its method is the token run before
     * the URI (the longest known method that ends the run, else the whole run). Returns -1 if none.
     */
    public static int findStartLine(byte[] buf, int from, int end) {
        for (int i = from; i + SIP_VERSION.length < end; i++) {
            if (buf[i] != 'S' || !startsWith(buf, i, end, SIP_VERSION)) {
                continue;
            }
            int after = i + SIP_VERSION.length;
            if (buf[after] == ' ') {
                if (isStartLine(buf, i, end - i)) {
                    return i;
                }
            } else if (i - 1 > from && buf[i - 1] == ' ' && (buf[after] == '\r' || buf[after] == '\n')) {
                int c = requestLineStart(buf, from, i - 1);
                if (c >= 0 && isStartLine(buf, c, end - c)) {
                    return c;
                }
            }
        }
        return -1;
    }

    private static int requestLineStart(byte[] buf, int from, int spaceBeforeVersion) {
        int k = spaceBeforeVersion - 1;
        while (k >= from && buf[k] != ' ' && (buf[k] & 0xff) > 0x20 && buf[k] != 0x7f) {
            k--;
        }
        if (k < from || buf[k] != ' ' || k == spaceBeforeVersion - 1) {
            return -1;
        }
        int m = k - 1;
        while (m >= from && isTokenChar(buf[m]) && k - m <= MAX_METHOD_LENGTH) {
            m--;
        }
        int methodStart = m + 1;
        if (methodStart == k) {
            return -1;
        }
        for (byte[] known : KNOWN_METHODS) {
            int s = k - known.length;
            if (s >= methodStart && startsWith(buf, s, k, known)) {
                return s;
            }
        }
        return methodStart;
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
            if (Character.isISOControl(c)) {
                b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
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
