package org.shadowrec.sip.api;

/** One header line as received: name as spelled on the wire (compact forms kept), value trimmed. */
public record SipHeader(String name, String value) {}
