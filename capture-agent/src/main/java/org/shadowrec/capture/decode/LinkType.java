package org.shadowrec.capture.decode;

/**
 * The link-layer header types frame decoding understands (tcpdump.org "LINK-LAYER HEADER TYPES" values, as found in
 * a pcap file header or pcapng interface description block).
 */
public final class LinkType {
    /** BSD loopback: 4-byte protocol family in the capturing host's byte order. */
    public static final int NULL = 0;
    /** Ethernet II / IEEE 802.3, with optional 802.1Q / 802.1ad tags. */
    public static final int EN10MB = 1;
    /** Raw IP (DLT_RAW as numbered on most systems). */
    public static final int RAW_12 = 12;
    /** Raw IP (DLT_RAW as numbered on OpenBSD). */
    public static final int RAW_14 = 14;
    /** Raw IP, version in the first nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: 4-byte protocol family in network byte order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture v1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux "cooked" capture v2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
