package org.shadowrec.sip.api;

import java.util.Map;
import org.shadowrec.sip.internal.SipBytes;
import org.shadowrec.sip.internal.SipMessageDecoder;

/**
 * One SIP message's bytes in (a UDP payload, or one message cut by {@link SipStreamFramer}), a {@link SipParseResult}
 * out. Confined to one thread (the JAIN-SIP parser inside is not thread-safe).
 *
 * <p>What it does, in order: {@link SipLimits} checked on entry ({@code too-large}); start line checked ({@code
 * bad-start-line}); header fields scanned as received ({@code too-many-headers}, {@code bad-header-line}, {@code
 * duplicate-header}); header fields parsed by the JAIN-SIP parser (RFC 3261 §25; {@code too-many-parameters},
 * {@code bad-from}, {@code bad-via},
 * ..., {@code unparsable}, {@code parser-error}); mandatory fields checked (RFC 3261 §8.1.1: {@code missing-call-id},
 * {@code missing-from}, {@code missing-to}, {@code missing-cseq}, {@code missing-via}, {@code cseq-method-mismatch});
 * body cut by Content-Length (§18.3, {@code bad-content-length}; bytes beyond it ignored, a short body kept as is);
 * multipart split (RFC 5621, {@code too-many-body-parts}); every {@code application/sdp} part parsed (RFC 4566).
 *
 * <p>Counters (see {@link #counters()}): {@code messages}, {@code parsed}, {@code malformed}, {@code
 * malformed-<reason>}, {@code sdp-unparsable}, {@code multipart-unparsable}, {@code tolerated-bad-header},
 * {@code short-body} (fewer body bytes than Content-Length announces; the message is still decoded).
 */
public final class SipDecoder {
    private final SipMessageDecoder decoder;

    public SipDecoder(SipLimits limits) {
        this.decoder = new SipMessageDecoder(limits);
    }

    /**
     * Cheap check used by the payload classifier: does this look like a SIP start line ({@code SIP/2.0 NNN ...} or
     * {@code METHOD SP Request-URI SP SIP/2.0}, any token method, ended by CRLF or LF)? Allocation-free; never throws.
     */
    public static boolean looksLikeSip(byte[] buf, int off, int len) {
        return SipBytes.isStartLine(buf, off, len);
    }

    /** Decodes one message. Never throws because of content. */
    public SipParseResult decode(byte[] buf, int off, int len) {
        return decoder.decode(buf, off, len);
    }

    /** A snapshot of the counters by stable kebab-case key, sorted by key. */
    public Map<String, Long> counters() {
        return decoder.counters().snapshot();
    }
}
