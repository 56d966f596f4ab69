package org.shadowrec.sip.api;

import org.shadowrec.sip.internal.SipStreamCutter;

/**
 * Cuts one direction of a reassembled TCP byte stream into SIP messages by Content-Length (RFC 3261 §18.3), skipping
 * CRLF keep-alives (RFC 5626 §3.5.1). Holds at most {@link SipLimits#maxStreamBufferBytes()}; on overflow or garbage
 * it reports a malformed value and resynchronises on the next start line. One instance per stream direction.
 *
 * <p>Framing rules: the header section ends at CRLFCRLF (LFLF tolerated); the body is {@code Content-Length} (or
 * compact {@code l}) bytes, 0 when absent. Malformed reasons passed to {@link Sink#malformed}: {@code garbage},
 * {@code stream-overflow}, {@code too-large} (the announced message is skipped), {@code bad-content-length}.
 */
public final class SipStreamFramer {

    /** Receives what the framer cuts. */
    public interface Sink {
        /** One complete message; the slice is only valid during the call (copy to keep it). */
        void message(byte[] buf, int off, int len);

        void malformed(String reason, String detail);
    }

    private final SipStreamCutter cutter;

    public SipStreamFramer(SipLimits limits) {
        this.cutter = new SipStreamCutter(limits);
    }

    /** Appends stream bytes in order; emits every complete message. */
    public void feed(byte[] buf, int off, int len, Sink sink) {
        cutter.feed(buf, off, len, sink);
    }

    /** Bytes held waiting for the end of a message. */
    public int bufferedBytes() {
        return cutter.buffered();
    }

    /** Drops everything held; call after a gap in the TCP stream. The framer then hunts for the next start line. */
    public void reset() {
        cutter.reset();
    }
}
