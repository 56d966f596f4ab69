package org.shadowrec.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.shadowrec.sip.api.BodyPart;
import org.shadowrec.sip.api.SessionDescription;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipHeaderNames;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;
import org.shadowrec.sip.api.SipParseResult.Malformed;

/**
 * Decodes one SIP message (RFC 3261 §7): limits checked on entry, start line checked, header section scanned by us
 * (names as received), the headers we interpret parsed by JAIN-SIP (through {@link JainSipParserAdapter}), body cut by Content-Length
 * (§18.3; a datagram without Content-Length has its body run to the end), split by {@link MultipartSplitter}, SDP
 * parts parsed by {@link SdpParser}. Confined to one thread; counts every outcome in {@link DecoderCounters}.
 */
public final class SipMessageDecoder {
    private static final String SDP = "application/sdp";

    private final SipLimits limits;
    private final JainSipParserAdapter parser = new JainSipParserAdapter();
    private final DecoderCounters counters = new DecoderCounters();

    public SipMessageDecoder(SipLimits limits) {
        this.limits = limits;
    }

    /** The counters (live; snapshot before handing out). */
    public DecoderCounters counters() {
        return counters;
    }

    /** Decodes {@code [off, off+len)}. Never throws because of content. */
    public SipParseResult decode(byte[] buf, int off, int len) {
        counters.increment("messages");
        SipParseResult result;
        try {
            result = decodeChecked(buf, off, len);
        } catch (RuntimeException e) {
            result = new Malformed("internal-error", SipBytes.printable(String.valueOf(e), 200));
        }
        if (result instanceof Malformed m) {
            counters.increment("malformed");
            counters.increment("malformed-" + m.reason());
        } else {
            counters.increment("parsed");
        }
        return result;
    }

    private SipParseResult decodeChecked(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            return new Malformed("bad-bounds", "offset/length outside the buffer");
        }
        if (len > limits.maxMessageBytes()) {
            return new Malformed("too-large", len + " bytes > " + limits.maxMessageBytes());
        }
        int end = off + len;
        while (off < end && (buf[off] == '\r' || buf[off] == '\n')) {
            off++; // RFC 3261 §7.5: empty lines before the start line are ignored
            len--;
        }
        if (!SipBytes.isStartLine(buf, off, len)) {
            return new Malformed("bad-start-line", "not a SIP request or status line: "
                    + SipBytes.printable(SipBytes.utf8(buf, off, Math.min(len, 60)), 60));
        }
        HeaderSection.Scan scan = HeaderSection.scan(buf, off, end, limits.maxHeaders());
        if (scan instanceof HeaderSection.Failed f) {
            return new Malformed(f.reason(), f.detail());
        }
        HeaderSection section = ((HeaderSection.Ok) scan).section();
        Malformed dup = checkDuplicates(section);
        if (dup != null) {
            return dup;
        }
        int bodyLen = end - section.bodyStart();
        String cl = section.first("content-length");
        if (cl != null) {
            long declared = parseContentLength(cl);
            if (declared < 0) {
                return new Malformed("bad-content-length", "Content-Length is not a number: "
                        + SipBytes.printable(cl, 40));
            }
            if (declared > bodyLen) {
                counters.increment("short-body"); // kept as is: a truncated datagram still names its call
            }
            bodyLen = (int) Math.min(bodyLen, declared);
        }
        byte[] parserInput = parserInput(section);
        if (parserInput == null) {
            return new Malformed("too-many-parameters", "a header value with more than " + MAX_PARAMETERS
                    + " parameters");
        }
        JainSipParserAdapter.Result parsed = parser.parse(parserInput);
        if (parsed instanceof JainSipParserAdapter.Failed f) {
            return new Malformed(f.reason(), f.detail());
        }
        SipCore core = ((JainSipParserAdapter.Parsed) parsed).core();
        if (core.toleratedHeaderErrors() > 0) {
            counters.increment("tolerated-bad-header");
        }
        Malformed missing = checkCore(core);
        if (missing != null) {
            return missing;
        }
        byte[] body = Arrays.copyOfRange(buf, section.bodyStart(), section.bodyStart() + bodyLen);
        return assemble(core, section, body);
    }

    private SipParseResult assemble(SipCore core, HeaderSection section, byte[] body) {
        List<BodyPart> parts = List.of();
        if (body.length > 0) {
            String ct = section.first("content-type");
            String type = MultipartSplitter.mediaType(ct);
            if (type.startsWith("multipart/")) {
                MultipartSplitter.Result split = MultipartSplitter.split(ct, body, limits.maxBodyParts());
                if (split instanceof MultipartSplitter.Failed f) {
                    if (f.reason().equals("too-many-body-parts")) {
                        return new Malformed(f.reason(), f.detail());
                    }
                    counters.increment("multipart-unparsable");
                    parts = List.of(singlePart(type, section, body));
                } else {
                    parts = ((MultipartSplitter.Parts) split).parts();
                }
            } else {
                parts = List.of(singlePart(ct == null ? "application/octet-stream" : type, section, body));
            }
        }
        SessionDescription sdp = firstSdp(parts);
        String method = core.request() ? core.method() : core.cseqMethod();
        return new SipParseResult.Parsed(new SipMessage(core.request(), method, core.requestUri(), core.statusCode(),
                core.reasonPhrase(), core.callId(), core.from(), core.to(), core.cseq(), core.cseqMethod(),
                core.topViaBranch(), core.contact(), section.headers(), body, parts, sdp));
    }

    /** Parses every {@code application/sdp} part (counting the unparsable ones); returns the first part's result. */
    private SessionDescription firstSdp(List<BodyPart> parts) {
        SessionDescription first = null;
        boolean seen = false;
        for (BodyPart part : parts) {
            if (!part.contentType().equals(SDP)) {
                continue;
            }
            SessionDescription sdp = SdpParser.parse(part.content(), 0, part.content().length);
            if (sdp == null) {
                counters.increment("sdp-unparsable");
            }
            if (!seen) {
                first = sdp;
                seen = true;
            }
        }
        return first;
    }

    private static BodyPart singlePart(String type, HeaderSection section, byte[] body) {
        List<SipHeader> own = new ArrayList<>();
        String disposition = null;
        for (int k = 0; k < section.headers().size(); k++) {
            SipHeader h = section.headers().get(k);
            String n = section.canonicalNames().get(k);
            if (n.equals("content-type") || n.equals("content-disposition") || n.equals("content-id")) {
                own.add(h);
                if (disposition == null && n.equals("content-disposition")) {
                    disposition = MultipartSplitter.mediaType(h.value());
                }
            }
        }
        return new BodyPart(type, disposition, Collections.unmodifiableList(own), body);
    }

    private static Malformed checkCore(SipCore core) {
        if (core.callId() == null || core.callId().isEmpty()) {
            return new Malformed("missing-call-id", "no Call-ID");
        }
        if (core.from() == null) {
            return new Malformed("missing-from", "no From");
        }
        if (core.to() == null) {
            return new Malformed("missing-to", "no To");
        }
        if (core.cseqMethod() == null || core.cseq() < 0) {
            return new Malformed("missing-cseq", "no CSeq");
        }
        if (!core.hasVia()) {
            return new Malformed("missing-via", "no Via");
        }
        if (core.request() && !core.method().equals(core.cseqMethod())) {
            return new Malformed("cseq-method-mismatch", "CSeq method differs from the request method (RFC 3261 §8.1.1.5)");
        }
        return null;
    }

    /** RFC 3261 §20: single-instance headers appearing twice with different values make a message ambiguous. */
    private static Malformed checkDuplicates(HeaderSection section) {
        String[] seen = new String[SINGLE.length];
        for (int k = 0; k < section.headers().size(); k++) {
            SipHeader h = section.headers().get(k);
            String n = section.canonicalNames().get(k);
            for (int i = 0; i < SINGLE.length; i++) {
                if (SINGLE[i].equals(n)) {
                    if (seen[i] != null && !seen[i].equals(h.value())) {
                        return new Malformed("duplicate-header", "more than one " + SINGLE[i]);
                    }
                    seen[i] = h.value();
                }
            }
        }
        return null;
    }

    private static final String[] SINGLE = {"call-id", "from", "to", "cseq", "content-length", "max-forwards"};

    /** Decimal Content-Length (RFC 3261 §20.14); -1 when not a number or beyond int range. */
    static long parseContentLength(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n > Integer.MAX_VALUE ? -1 : n;
    }

    /**
     * What the JAIN-SIP parser gets: the start line and the first of each header we read values from (Via, From, To,
     * Call-ID, CSeq, Contact; of Via and Contact only the first comma-separated value), unfolded, ended by an empty
     * line. Every other header stays as received in {@link SipMessage#headers()}; leaving them out makes the parse
     * about 2.5 times faster on a typical 17-header INVITE. Null when a value holds more than {@link
     * #MAX_PARAMETERS} parameters: the library spends tens of microseconds per URI parameter, so a 60 kB From made of
     * parameters would stall the processing thread for about a second.
     */
    private static byte[] parserInput(HeaderSection section) {
        StringBuilder b = new StringBuilder(512).append(section.startLine()).append("\r\n");
        boolean[] seen = new boolean[PARSED.length];
        for (int k = 0; k < section.headers().size(); k++) {
            SipHeader h = section.headers().get(k);
            String n = section.canonicalNames().get(k);
            for (int i = 0; i < PARSED.length; i++) {
                if (!seen[i] && PARSED[i].equals(n)) {
                    seen[i] = true;
                    String value = i == 0 || i == 5 ? firstValue(h.value()) : h.value();
                    if (count(value, ';') > MAX_PARAMETERS) {
                        return null;
                    }
                    b.append(h.name()).append(": ").append(value).append("\r\n");
                }
            }
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first value of a comma-separated header (RFC 3261 §7.3.1), commas inside quotes or {@code <>} kept. */
    static String firstValue(String value) {
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == ',') {
                return value.substring(0, i).strip();
            }
        }
        return value;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** Most parameters the parser is given in one header value; real headers carry a dozen at most. */
    static final int MAX_PARAMETERS = 64;

    private static final String[] PARSED = {"via", "from", "to", "call-id", "cseq", "contact"};
}
