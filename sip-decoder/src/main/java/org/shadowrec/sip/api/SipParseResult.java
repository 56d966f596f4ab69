package org.shadowrec.sip.api;

/** Outcome of decoding one SIP message: never an exception for bad packet content. */
public sealed interface SipParseResult permits SipParseResult.Parsed, SipParseResult.Malformed {

    /** A message decoded. */
    record Parsed(SipMessage message) implements SipParseResult {}

    /**
     * A message that could not be decoded.
     *
     * @param reason a short stable counter key, e.g. {@code too-large}, {@code bad-start-line}, {@code missing-call-id}
     * @param detail a human-readable explanation (never contains raw control characters)
     */
    record Malformed(String reason, String detail) implements SipParseResult {}
}
