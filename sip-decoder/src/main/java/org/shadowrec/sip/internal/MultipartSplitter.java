package org.shadowrec.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.shadowrec.sip.api.BodyPart;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipHeaderNames;

/**
 * Splits a multipart body (RFC 2046 §5.1.1, as used by SIP in RFC 5621) into {@link BodyPart}s. Tolerant of what
 * real SBCs send: boundary quoted or not, preamble and epilogue ignored, a closing delimiter without its trailing
 * {@code --} or no closing delimiter at all (the last part runs to the end of the body), CRLF or bare LF line ends,
 * parts in any order. Nested multiparts are flattened. The number of parts is bounded. Stateless.
 */
public final class MultipartSplitter {
    private static final int MAX_DEPTH = 3;
    private static final int MAX_PART_HEADERS = 64;

    private MultipartSplitter() {}

    /** Outcome of {@link #split}. */
    public sealed interface Result permits Parts, Failed {}

    /** The parts, in body order. */
    public record Parts(List<BodyPart> parts) implements Result {}

    /** Not splittable; {@code reason} is a stable counter key ({@code too-many-body-parts}, {@code bad-multipart}). */
    public record Failed(String reason, String detail) implements Result {}

    /** The lower-case media type of a Content-Type value without parameters ({@code text/plain} when null). */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "text/plain";
        }
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
    }

    /** The value of a Content-Type parameter (quotes removed), or null. */
    public static String parameter(String headerValue, String name) {
        if (headerValue == null) {
            return null;
        }
        int p = headerValue.indexOf(';');
        while (p >= 0 && p < headerValue.length()) {
            int next = nextSemicolon(headerValue, p + 1);
            String param = headerValue.substring(p + 1, next < 0 ? headerValue.length() : next).strip();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = param.substring(eq + 1).strip();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
            p = next;
        }
        return null;
    }

    private static int nextSemicolon(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** Splits {@code body} whose Content-Type is {@code contentType} (a multipart type). */
    public static Result split(String contentType, byte[] body, int maxParts) {
        List<BodyPart> out = new ArrayList<>();
        String failure = splitInto(contentType, body, 0, body.length, maxParts, out, 0);
        if (failure != null) {
            return new Failed(failure, failure.equals("too-many-body-parts")
                    ? "more than " + maxParts + " body parts" : "multipart body without a usable boundary");
        }
        return new Parts(Collections.unmodifiableList(out));
    }

    private static String splitInto(String contentType, byte[] body, int from, int end, int maxParts,
                                    List<BodyPart> out, int depth) {
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            return "bad-multipart";
        }
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int delim = findDelimiter(body, from, end, dash);
        if (delim < 0) {
            return "bad-multipart";
        }
        while (delim >= 0) {
            int after = delim + dash.length;
            if (isClose(body, after, end)) {
                return null;
            }
            int contentStart = skipToNextLine(body, after, end);
            if (contentStart >= end) {
                return null;
            }
            int next = findDelimiter(body, contentStart, end, dash);
            int partEnd = next < 0 ? trimTrailingLineEnd(body, contentStart, end) : lineEndBefore(body, contentStart, next);
            String failure = addPart(body, contentStart, partEnd, maxParts, out, depth);
            if (failure != null) {
                return failure;
            }
            delim = next;
        }
        return null;
    }

    private static String addPart(byte[] body, int start, int end, int maxParts, List<BodyPart> out, int depth) {
        HeaderSection.Scan scan = partHeaders(body, start, end);
        List<SipHeader> headers;
        int contentStart;
        if (scan instanceof HeaderSection.Ok ok) {
            headers = ok.section().headers();
            contentStart = ok.section().bodyStart();
        } else {
            headers = List.of();
            contentStart = start;
        }
        String ct = null;
        String cd = null;
        for (SipHeader h : headers) {
            String n = SipHeaderNames.canonical(h.name());
            if (ct == null && n.equals("content-type")) {
                ct = h.value();
            } else if (cd == null && n.equals("content-disposition")) {
                cd = h.value();
            }
        }
        String type = mediaType(ct);
        if (type.startsWith("multipart/") && depth + 1 < MAX_DEPTH) {
            String nested = splitInto(ct, body, contentStart, end, maxParts, out, depth + 1);
            if (nested == null || nested.equals("too-many-body-parts")) {
                return nested;
            }
        }
        if (out.size() >= maxParts) {
            return "too-many-body-parts";
        }
        out.add(new BodyPart(type, cd == null ? null : mediaType(cd), headers,
                Arrays.copyOfRange(body, contentStart, Math.max(contentStart, end))));
        return null;
    }

    /**
     * A part's headers (RFC 2046 §5.1.1 body-part: MIME header fields, an empty line, the content). A part that starts
     * with the empty line has none. The SIP header scanner reads them behind a synthetic empty start line.
     */
    private static HeaderSection.Scan partHeaders(byte[] body, int start, int end) {
        if (start >= end) {
            return new HeaderSection.Ok(HeaderSection.empty(start));
        }
        if (body[start] == '\n') {
            return new HeaderSection.Ok(HeaderSection.empty(start + 1));
        }
        if (body[start] == '\r' && start + 1 < end && body[start + 1] == '\n') {
            return new HeaderSection.Ok(HeaderSection.empty(start + 2));
        }
        int headerEnd = SipBytes.headerEnd(body, start, end);
        if (headerEnd < 0) {
            return new HeaderSection.Failed("no-part-headers", "");
        }
        byte[] section = new byte[headerEnd - start + 1];
        section[0] = '\n';
        System.arraycopy(body, start, section, 1, headerEnd - start);
        HeaderSection.Scan scan = HeaderSection.scan(section, 0, section.length, MAX_PART_HEADERS);
        if (scan instanceof HeaderSection.Ok ok) {
            return new HeaderSection.Ok(new HeaderSection("", ok.section().headers(), ok.section().canonicalNames(), headerEnd));
        }
        return scan;
    }

    /** Delimiter at a line start: at {@code from} itself or just after an LF. */
    private static int findDelimiter(byte[] body, int from, int end, byte[] dash) {
        for (int i = from; i <= end - dash.length; i++) {
            if ((i == from || body[i - 1] == '\n') && SipBytes.startsWith(body, i, end, dash)) {
                return i;
            }
        }
        return -1;
    }

    /** True after a close delimiter {@code --}, or when only whitespace remains (a close without its {@code --}). */
    private static boolean isClose(byte[] body, int p, int end) {
        if (end - p >= 2 && body[p] == '-' && body[p + 1] == '-') {
            return true;
        }
        for (int i = p; i < end; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int skipToNextLine(byte[] body, int p, int end) {
        int lf = SipBytes.lineFeed(body, p, end);
        return lf < 0 ? end : lf + 1;
    }

    /** The CRLF (or LF) before a delimiter belongs to the delimiter (RFC 2046 §5.1.1). */
    private static int lineEndBefore(byte[] body, int start, int delim) {
        int e = delim;
        if (e > start && body[e - 1] == '\n') {
            e--;
            if (e > start && body[e - 1] == '\r') {
                e--;
            }
        }
        return e;
    }

    private static int trimTrailingLineEnd(byte[] body, int start, int end) {
        return lineEndBefore(body, start, end);
    }
}
