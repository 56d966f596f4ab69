package org.shadowrec.testpcaps.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;

/**
 * File format of a generated capture: classic pcap (µs or ns magic) or pcapng (one SHB, one IDB with
 * {@code if_tsresol}, EPBs), in either byte order. Link type is always Ethernet (LINKTYPE_ETHERNET = 1).
 *
 * @param pcapng      pcapng instead of classic pcap
 * @param nanoseconds nanosecond timestamps (classic magic 0xA1B23C4D; pcapng {@code if_tsresol} = 9) instead of µs
 * @param order       byte order of every header the file format defines (packet bytes are network order anyway)
 */
public record CaptureFormat(boolean pcapng, boolean nanoseconds, ByteOrder order) {
    /** Classic pcap, µs, little endian: what tcpdump writes on x86. */
    public static final CaptureFormat PCAP_US_LE = new CaptureFormat(false, false, ByteOrder.LITTLE_ENDIAN);
    /** Classic pcap, ns, big endian. */
    public static final CaptureFormat PCAP_NS_BE = new CaptureFormat(false, true, ByteOrder.BIG_ENDIAN);
    /** pcapng, ns resolution, little endian. */
    public static final CaptureFormat PCAPNG_NS_LE = new CaptureFormat(true, true, ByteOrder.LITTLE_ENDIAN);
    /** pcapng, µs resolution (the pcapng default), little endian. */
    public static final CaptureFormat PCAPNG_US_LE = new CaptureFormat(true, false, ByteOrder.LITTLE_ENDIAN);

    /** @return the file name the catalog uses for this format */
    public String fileName() {
        return pcapng ? "capture.pcapng" : "capture.pcap";
    }

    /** @return a stable label, e.g. {@code pcap-us-le}, {@code pcapng-ns-le} */
    public String label() {
        return (pcapng ? "pcapng" : "pcap") + (nanoseconds ? "-ns" : "-us")
                + (order == ByteOrder.BIG_ENDIAN ? "-be" : "-le");
    }

    /** @return epoch nanoseconds cut to what this format can store */
    public long truncate(long epochNanos) {
        return nanoseconds ? epochNanos : Math.floorDiv(epochNanos, 1000L) * 1000L;
    }

    /** @return a streaming writer for this format over {@code out} (header written immediately) */
    public CaptureWriter open(OutputStream out) throws IOException {
        return pcapng ? new PcapNgWriter(out, nanoseconds, order) : new PcapWriter(out, nanoseconds, order);
    }

    /** @return the format for a label produced by {@link #label()} */
    public static CaptureFormat parse(String label) {
        String[] p = label.split("-");
        if (p.length != 3) {
            throw new IllegalArgumentException("format label must look like pcap-us-le: " + label);
        }
        return new CaptureFormat(p[0].equals("pcapng"), p[1].equals("ns"),
                p[2].equals("be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }
}
