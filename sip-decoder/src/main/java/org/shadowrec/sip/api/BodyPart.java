package org.shadowrec.sip.api;

import java.util.List;

/**
 * One part of a (possibly multipart) SIP body (RFC 5621). A non-multipart body is a single part.
 *
 * @param contentType media type lower-cased without parameters, e.g. {@code application/sdp}
 * @param contentDisposition disposition type lower-cased, e.g. {@code recording-session}, or null
 * @param headers the part's own headers
 * @param content the part's bytes (a copy)
 */
public record BodyPart(String contentType, String contentDisposition, List<SipHeader> headers, byte[] content) {}
