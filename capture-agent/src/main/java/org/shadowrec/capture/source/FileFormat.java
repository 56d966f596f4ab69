package org.shadowrec.capture.source;

import java.nio.ByteOrder;

/**
 * Capture file formats recognised by their first four bytes. Classic pcap: magic {@code a1b2c3d4} (microsecond
 * timestamps) or {@code a1b23c4d} (nanosecond), written in the writer's byte order. pcapng: a Section Header Block,
 * type {@code 0a0d0d0a} (a palindrome; the byte order comes from the block's own byte-order magic).
 */
enum FileFormat {
    PCAP_MICROS_LE(ByteOrder.LITTLE_ENDIAN, 1_000L),
    PCAP_MICROS_BE(ByteOrder.BIG_ENDIAN, 1_000L),
    PCAP_NANOS_LE(ByteOrder.LITTLE_ENDIAN, 1L),
    PCAP_NANOS_BE(ByteOrder.BIG_ENDIAN, 1L),
    PCAPNG(null, 0L);

    private final ByteOrder order;
    private final long nanosPerFractionUnit;

    FileFormat(ByteOrder order, long nanosPerFractionUnit) {
        this.order = order;
        this.nanosPerFractionUnit = nanosPerFractionUnit;
    }

    /** Classic pcap: byte order of the file; null for pcapng (per section). */
    ByteOrder order() {
        return order;
    }

    /** Classic pcap: nanoseconds per unit of the record header's sub-second field. */
    long nanosPerFractionUnit() {
        return nanosPerFractionUnit;
    }

    /** The format whose magic is {@code first4} (the first four bytes read little-endian), or null. */
    static FileFormat byMagic(int first4) {
        switch (first4) {
            case 0xa1b2c3d4: return PCAP_MICROS_LE;
            case 0xd4c3b2a1: return PCAP_MICROS_BE;
            case 0xa1b23c4d: return PCAP_NANOS_LE;
            case 0x4d3cb2a1: return PCAP_NANOS_BE;
            case 0x0a0d0d0a: return PCAPNG;
            default: return null;
        }
    }
}
