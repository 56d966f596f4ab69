package org.shadowrec.sip.internal;

import org.shadowrec.sip.api.NameAddr;

/**
 * The fields of a SIP message that the JAIN-SIP parser extracted, already converted to our own values.
 *
 * @param request true for a request
 * @param method request method as received, or null for a response
 * @param requestUri request URI, or null
 * @param statusCode response status, or 0
 * @param reasonPhrase response reason phrase, or null
 * @param callId Call-ID, or null when absent
 * @param from From, or null when absent
 * @param to To, or null when absent
 * @param cseq CSeq number, or -1 when absent
 * @param cseqMethod CSeq method, or null when absent
 * @param hasVia true when at least one Via was parsed
 * @param topViaBranch branch of the topmost Via, or null
 * @param contact first Contact, or null
 * @param toleratedHeaderErrors header fields (other than the essential ones) the parser could not read
 */
public record SipCore(boolean request, String method, String requestUri, int statusCode, String reasonPhrase,
                      String callId, NameAddr from, NameAddr to, long cseq, String cseqMethod, boolean hasVia,
                      String topViaBranch, NameAddr contact, int toleratedHeaderErrors) {}
