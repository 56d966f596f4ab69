package org.shadowrec.testpcaps.gen;

/** Whether the INVITE is padded to 2,000 bytes of SIP and sent as IPv4 fragments (MTU 1500). */
public enum Fragmentation {
    /** Normal INVITE, one datagram. */
    NONE,
    /** Padded INVITE, fragments in offset order. */
    IN_ORDER,
    /** Padded INVITE, last fragment captured first. */
    OUT_OF_ORDER
}
