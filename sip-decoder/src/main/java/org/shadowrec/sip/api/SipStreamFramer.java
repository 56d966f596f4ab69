package org.shadowrec.sip.api;

/**
 * Cuts one direction of a reassembled TCP byte stream into SIP messages by Content-Length (RFC 3261 §18.3), skipping
 * CRLF keep-alives (RFC 5626 §3.5.1). Holds at most {@link SipLimits#maxStreamBufferBytes()}; on overflow or garbage
 * it reports a malformed value and resynchronises on the next start line. One instance per stream direction.
 */
public final class SipStreamFramer {

    /** Receives what the framer cuts. */
    public interface Sink {
        void message(byte[] buf, int off, int len);

        void malformed(String reason, String detail);
    }

    private final SipLimits limits;

    public SipStreamFramer(SipLimits limits) {
        this.limits = limits;
    }

    /** Appends stream bytes in order; emits every complete message. */
    public void feed(byte[] buf, int off, int len, Sink sink) {
        throw new UnsupportedOperationException("TODO sip-decoder " + limits);
    }

    /** Bytes held waiting for the end of a message. */
    public int bufferedBytes() {
        throw new UnsupportedOperationException("TODO sip-decoder");
    }
}
