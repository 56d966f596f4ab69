package org.shadowrec.sip.api;

/** SDP media direction attribute (RFC 4566 §6, RFC 3264 §5.1). */
public enum Direction { SENDRECV, SENDONLY, RECVONLY, INACTIVE }
