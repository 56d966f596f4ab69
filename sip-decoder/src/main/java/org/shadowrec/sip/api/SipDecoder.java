package org.shadowrec.sip.api;

/**
 * One SIP message's bytes in (a UDP payload, or one message cut by {@link SipStreamFramer}), a {@link SipParseResult}
 * out. Confined to one thread (the JAIN-SIP parser inside is not thread-safe).
 */
public final class SipDecoder {
    private final SipLimits limits;

    public SipDecoder(SipLimits limits) {
        this.limits = limits;
    }

    /** Cheap check used by the payload classifier: does this look like a SIP start line? Never throws. */
    public static boolean looksLikeSip(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("TODO sip-decoder");
    }

    /** Decodes one message. Never throws because of content. */
    public SipParseResult decode(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("TODO sip-decoder " + limits);
    }
}
