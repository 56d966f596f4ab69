/**
 * SIP and SDP decoding: bytes of one SIP message in, an immutable {@link org.shadowrec.sip.api.SipMessage} (or a
 * {@link org.shadowrec.sip.api.SipParseResult.Malformed} value) out. Stateless except {@link
 * org.shadowrec.sip.api.SipStreamFramer}, which belongs to one TCP stream direction. Not thread-safe unless stated;
 * the processing thread owns every instance. No type of the JAIN-SIP library leaves this module.
 */
package org.shadowrec.sip.api;
