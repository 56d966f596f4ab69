package org.shadowrec.testpcaps.gen;

/** Transport of the SIP signalling (RTP is always UDP). */
public enum SipTransport {
    /** One message per datagram. */
    UDP,
    /**
     * One TCP connection from the caller's ephemeral port to the callee's 5060: 3-way handshake, INVITE split over two
     * segments, 100 + 180 coalesced in one segment, the ACK segment retransmitted, the BYE's 200 OK split, FIN both
     * ways at the end.
     */
    TCP
}
