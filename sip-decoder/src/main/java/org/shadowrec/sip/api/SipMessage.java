package org.shadowrec.sip.api;

import java.util.List;

/**
 * One SIP request or response, decoded into plain values (RFC 3261 §7).
 *
 * @param request true for a request, false for a response
 * @param method request method, or for a response the CSeq method (upper case)
 * @param requestUri request URI, or null for a response
 * @param statusCode response status, or 0 for a request
 * @param reasonPhrase response reason phrase, or null
 * @param callId Call-ID
 * @param from From header
 * @param to To header
 * @param cseq CSeq number
 * @param cseqMethod CSeq method (upper case)
 * @param topViaBranch branch parameter of the topmost Via, or null
 * @param contact first Contact, or null
 * @param headers every header, in order as received
 * @param body the whole body (a copy), empty if none
 * @param bodyParts the body split into parts (one part for a non-multipart body, none for an empty body)
 * @param sdp the first {@code application/sdp} part parsed, or null if none or unparsable
 */
public record SipMessage(boolean request, String method, String requestUri, int statusCode, String reasonPhrase,
                         String callId, NameAddr from, NameAddr to, long cseq, String cseqMethod,
                         String topViaBranch, NameAddr contact, List<SipHeader> headers, byte[] body,
                         List<BodyPart> bodyParts, SessionDescription sdp) {

    /** First value of a header, matching the name case-insensitively and by compact form; null if absent. */
    public String header(String name) {
        for (SipHeader h : headers) {
            if (SipHeaderNames.sameHeader(h.name(), name)) {
                return h.value();
            }
        }
        return null;
    }

    /** True for a response. */
    public boolean isResponse() {
        return !request;
    }
}
