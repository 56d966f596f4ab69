package org.shadowrec.sip.internal;

import java.util.Arrays;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipStreamFramer.Sink;

/**
 * The state machine behind {@link org.shadowrec.sip.api.SipStreamFramer} (RFC 3261 §18.3 framing on a stream).
 *
 * <pre>
 *  HUNT ──start line──► HEADERS ──empty line──► BODY (Content-Length bytes) ──► message ──► HUNT
 *    ▲  CRLF keep-alives skipped (RFC 5626 §3.5.1)                                          │
 *    └── garbage / overflow / bad Content-Length: report once, then DISCARD until a start line shows up (even mid-line)
 *  SKIP: a message larger than maxMessageBytes is reported and its announced length skipped
 * </pre>
 * Confined to one thread. The slice passed to {@link Sink#message} is only valid during the call.
 */
public final class SipStreamCutter {
    private static final int INITIAL_CAPACITY = 4096;
    /** A start line longer than this is treated as garbage (request URIs are far shorter in practice). */
    private static final int MAX_START_LINE = 8192;

    private final SipLimits limits;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int start;
    private int end;
    /** True while throwing bytes away after garbage, until a plausible start line begins a line. */
    private boolean discarding;
    /** Bytes of an oversized message still to skip. */
    private long skip;
    /** Total length of the message at {@code start} once its header section is known, else -1. */
    private long pendingTotal = -1;
    /** How far (relative to {@code start}) the search for the header end has looked, so a trickle is not rescanned. */
    private int scannedRel;

    public SipStreamCutter(SipLimits limits) {
        this.limits = limits;
    }

    /** Bytes held waiting for the end of a message. */
    public int buffered() {
        return end - start;
    }

    /** Forgets everything held (after a stream gap): the next bytes are hunted for a start line. */
    public void reset() {
        start = 0;
        end = 0;
        discarding = false;
        skip = 0;
        forgetPending();
        if (buf.length > INITIAL_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
    }

    /** Appends {@code [off, off+len)} and emits what is complete. */
    public void feed(byte[] in, int off, int len, Sink sink) {
        if (in == null || off < 0 || len < 0 || off > in.length - len) {
            throw new IllegalArgumentException("offset/length outside the buffer");
        }
        int p = off;
        int remaining = len;
        while (remaining > 0) {
            if (skip > 0) {
                int n = (int) Math.min(skip, remaining);
                skip -= n;
                p += n;
                remaining -= n;
                continue;
            }
            int n = append(in, p, remaining);
            p += n;
            remaining -= n;
            cut(sink);
            if (n == 0 && buffered() >= limits.maxStreamBufferBytes()) {
                overflow(sink);
            }
        }
    }

    /** Copies as much as fits under the buffer limit; returns how many bytes were taken. */
    private int append(byte[] in, int off, int len) {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int room = limits.maxStreamBufferBytes() - end;
        int n = Math.min(room, len);
        if (n <= 0) {
            return 0;
        }
        if (end + n > buf.length) {
            int cap = buf.length;
            while (cap < end + n) {
                cap *= 2;
            }
            buf = Arrays.copyOf(buf, Math.min(cap, Math.max(limits.maxStreamBufferBytes(), INITIAL_CAPACITY)));
        }
        System.arraycopy(in, off, buf, end, n);
        end += n;
        return n;
    }

    private void overflow(Sink sink) {
        forgetPending();
        if (!discarding) {
            sink.malformed("stream-overflow", "no message end within " + limits.maxStreamBufferBytes() + " bytes");
        }
        start = 0;
        end = 0;
        discarding = true;
    }

    private void forgetPending() {
        pendingTotal = -1;
        scannedRel = 0;
    }

    private void cut(Sink sink) {
        while (start < end) {
            if (pendingTotal >= 0) {
                if (end - start < pendingTotal) {
                    return;
                }
                emit(sink, (int) pendingTotal);
                continue;
            }
            if (discarding && !resync()) {
                return;
            }
            skipKeepAlives();
            if (start == end) {
                return;
            }
            int lf = SipBytes.lineFeed(buf, start, end);
            if (lf < 0) {
                if (!plausiblePartialLine()) {
                    garbage(sink, "bytes that cannot begin a start line");
                    continue;
                }
                return;
            }
            if (!SipBytes.isStartLine(buf, start, lf + 1 - start)) {
                garbage(sink, "line is not a SIP start line: "
                        + SipBytes.printable(SipBytes.utf8(buf, start, Math.min(lf - start, 60)), 60));
                continue;
            }
            int headerEnd = SipBytes.headerEnd(buf, Math.max(lf, start + scannedRel), end);
            if (headerEnd < 0) {
                scannedRel = Math.max(0, end - start - 3);
                if (end - start > limits.maxMessageBytes()) {
                    sink.malformed("too-large", "header section beyond " + limits.maxMessageBytes() + " bytes");
                    enterDiscard();
                    continue;
                }
                return;
            }
            long bodyLength = contentLength(headerEnd);
            if (bodyLength < 0) {
                sink.malformed("bad-content-length", "unreadable Content-Length on a stream");
                enterDiscard();
                continue;
            }
            long total = headerEnd - start + bodyLength;
            if (total > limits.maxMessageBytes()) {
                sink.malformed("too-large", total + " bytes > " + limits.maxMessageBytes());
                long held = end - start;
                skip = Math.max(0, total - held);
                start = (int) Math.min(end, start + total);
                forgetPending();
                continue;
            }
            pendingTotal = total;
        }
    }

    private void emit(Sink sink, int total) {
        int msgStart = start;
        start += total;
        forgetPending();
        sink.message(buf, msgStart, total);
    }

    /** An incomplete first line that may still become a start line: token first, no control bytes, bounded. */
    private boolean plausiblePartialLine() {
        if (!SipBytes.isTokenChar(buf[start]) || end - start > MAX_START_LINE) {
            return false;
        }
        for (int i = start; i < end; i++) {
            int b = buf[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private void garbage(Sink sink, String detail) {
        sink.malformed("garbage", detail);
        forgetPending();
        start++;
        discarding = true;
    }

    /** A valid start line whose message cannot be used: drop that line, then hunt for the next start line. */
    private void enterDiscard() {
        forgetPending();
        int lf = SipBytes.lineFeed(buf, start, end);
        start = lf < 0 ? end : lf + 1;
        discarding = true;
    }

    /**
     * In discard mode: looks for a plausible start line anywhere in the held bytes. Returns true when one is found
     * (now at {@code start}); otherwise keeps only the tail that may still become one and returns false.
     */
    private boolean resync() {
        int found = SipBytes.findStartLine(buf, start, end);
        if (found >= 0) {
            start = found;
            discarding = false;
            return true;
        }
        int lastLf = -1;
        for (int i = end - 1; i >= start; i--) {
            if (buf[i] == '\n') {
                lastLf = i;
                break;
            }
        }
        start = Math.max(Math.max(start, lastLf + 1), end - MAX_START_LINE);
        return false;
    }

    private void skipKeepAlives() {
        while (start < end && (buf[start] == '\r' || buf[start] == '\n')) {
            start++;
        }
    }

    /** Content-Length (or compact {@code l}) in the header section; 0 when absent, -1 when unreadable. */
    private long contentLength(int headerEnd) {
        int p = SipBytes.lineFeed(buf, start, headerEnd) + 1;
        long found = 0;
        while (p < headerEnd) {
            int lf = SipBytes.lineFeed(buf, p, headerEnd);
            int lineEnd = lf < 0 ? headerEnd : lf;
            int colon = -1;
            for (int i = p; i < lineEnd; i++) {
                if (buf[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon > p) {
                int nameEnd = colon;
                while (nameEnd > p && (buf[nameEnd - 1] == ' ' || buf[nameEnd - 1] == '\t')) {
                    nameEnd--;
                }
                if (SipBytes.equalsIgnoreCase(buf, p, nameEnd, "content-length")
                        || SipBytes.equalsIgnoreCase(buf, p, nameEnd, "l")) {
                    found = number(colon + 1, lineEnd);
                    if (found < 0) {
                        return -1;
                    }
                }
            }
            p = lineEnd + 1;
        }
        return found;
    }

    private long number(int from, int to) {
        long n = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                if (++digits > 10) {
                    return -1;
                }
                n = n * 10 + (b - '0');
            } else if (b != ' ' && b != '\t' && b != '\r') {
                return -1;
            } else if (digits > 0 && !trailingSpaceOnly(i, to)) {
                return -1;
            }
        }
        return digits == 0 ? -1 : n;
    }

    private boolean trailingSpaceOnly(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
