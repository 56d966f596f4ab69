package org.shadowrec.sip.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipHeaderNames;

/**
 * The header section of one SIP message as received (RFC 3261 §7.3): start line and header fields in order, names
 * spelled as on the wire (compact forms kept), folded lines (§7.3.1) joined by one space, values trimmed.
 *
 * @param startLine the first line without its line end
 * @param headers every header field, in order
 * @param canonicalNames {@link SipHeaderNames#canonical} of each header's name, same order (computed once)
 * @param bodyStart absolute index of the first body byte (just after the empty line)
 */
public record HeaderSection(String startLine, List<SipHeader> headers, List<String> canonicalNames, int bodyStart) {

    /** A section without headers. */
    static HeaderSection empty(int bodyStart) {
        return new HeaderSection("", List.of(), List.of(), bodyStart);
    }

    /** Outcome of {@link #scan}: a section or a failure reason. */
    public sealed interface Scan permits Ok, Failed {}

    /** A complete header section. */
    public record Ok(HeaderSection section) implements Scan {}

    /** A header section that cannot be used; {@code reason} is a stable counter key. */
    public record Failed(String reason, String detail) implements Scan {}

    /**
     * Scans the header section of a message occupying {@code [off, end)}. A message without the empty line ending
     * its headers is accepted when its last header line is complete (a UDP datagram without a body).
     */
    public static Scan scan(byte[] buf, int off, int end, int maxHeaders) {
        int lf = SipBytes.lineFeed(buf, off, end);
        if (lf < 0) {
            return new Failed("truncated", "no line end after the start line");
        }
        String startLine = SipBytes.utf8(buf, off, trimCr(buf, off, lf) - off);
        List<SipHeader> headers = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        int p = lf + 1;
        String name = null;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (p >= end) {
                break;
            }
            int eol = SipBytes.lineFeed(buf, p, end);
            int lineEnd = eol < 0 ? end : eol;
            int contentEnd = trimCr(buf, p, lineEnd);
            if (contentEnd == p) {
                p = eol < 0 ? end : eol + 1;
                break;
            }
            if (hasBareCr(buf, p, contentEnd)) {
                return new Failed("bad-header-line", "CR without LF inside a header line (RFC 3261 §7.3.1)");
            }
            if (buf[p] == ' ' || buf[p] == '\t') {
                if (name == null) {
                    return new Failed("bad-header-line", "continuation line before any header");
                }
                value.append(' ').append(SipBytes.utf8(buf, p, contentEnd - p).trim());
            } else {
                if (name != null) {
                    add(headers, canonical, name, value);
                }
                if (headers.size() >= maxHeaders) {
                    return new Failed("too-many-headers", "more than " + maxHeaders + " header fields");
                }
                int colon = nameEnd(buf, p, contentEnd);
                if (colon < 0) {
                    return new Failed("bad-header-line", "header line without a name and colon: "
                            + SipBytes.printable(SipBytes.utf8(buf, p, Math.min(40, contentEnd - p)), 40));
                }
                name = SipBytes.utf8(buf, p, tokenEnd(buf, p, colon) - p);
                value.setLength(0);
                value.append(SipBytes.utf8(buf, colon + 1, contentEnd - colon - 1));
            }
            if (eol < 0) {
                p = end;
                break;
            }
            p = eol + 1;
        }
        if (name != null) {
            add(headers, canonical, name, value);
        }
        return new Ok(new HeaderSection(startLine, Collections.unmodifiableList(headers),
                Collections.unmodifiableList(canonical), Math.min(p, end)));
    }

    private static void add(List<SipHeader> headers, List<String> canonical, String name, StringBuilder value) {
        headers.add(new SipHeader(name, value.toString().trim()));
        canonical.add(SipHeaderNames.canonical(name));
    }

    /** Index of the colon after a token header name (optional SP/HTAB before the colon), or -1. */
    private static int nameEnd(byte[] buf, int p, int end) {
        int i = p;
        while (i < end && SipBytes.isTokenChar(buf[i])) {
            i++;
        }
        if (i == p) {
            return -1;
        }
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i < end && buf[i] == ':' ? i : -1;
    }

    private static int tokenEnd(byte[] buf, int p, int colon) {
        int i = p;
        while (i < colon && SipBytes.isTokenChar(buf[i])) {
            i++;
        }
        return i;
    }

    private static boolean hasBareCr(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private static int trimCr(byte[] buf, int from, int lineEnd) {
        return lineEnd > from && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }

    /** First value of a header by full or compact name, or null. */
    public String first(String canonicalName) {
        for (int i = 0; i < headers.size(); i++) {
            if (canonicalNames.get(i).equals(canonicalName)) {
                return headers.get(i).value();
            }
        }
        return null;
    }
}
