package org.shadowrec.sip.internal.rec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** %-unescaping of URI components (RFC 3986 §2.1, RFC 3261 §19.1.2). */
public final class UriEscapes {
    private UriEscapes() {}

    /**
     * Replaces every {@code %XX} by its octet and decodes the octets as UTF-8 (malformed sequences become U+FFFD).
     * A {@code %} not followed by two hex digits is kept as is. Never throws; null gives null.
     */
    public static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? hex(in[i + 1]) : -1;
            int lo = hi >= 0 ? hex(in[i + 2]) : -1;
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
