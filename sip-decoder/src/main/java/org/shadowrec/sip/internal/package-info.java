/**
 * Implementation of the SIP decoder: start-line check, header section scan, the JAIN-SIP parser quarantine
 * ({@link org.shadowrec.sip.internal.JainSipParserAdapter}, the only class that touches {@code gov.nist.*} or
 * {@code javax.sip.*}), the multipart splitter (RFC 2046 §5.1, RFC 5621), the SDP parser (RFC 4566) and the TCP stream
 * cutter. Every instance is confined to the thread that owns the decoder or framer.
 */
package org.shadowrec.sip.internal;
