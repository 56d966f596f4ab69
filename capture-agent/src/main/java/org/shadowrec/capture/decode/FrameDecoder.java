package org.shadowrec.capture.decode;

import static org.shadowrec.capture.decode.Bytes.i32;
import static org.shadowrec.capture.decode.Bytes.i64;
import static org.shadowrec.capture.decode.Bytes.u16;
import static org.shadowrec.capture.decode.Bytes.u8;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.shadowrec.correlator.api.Endpoint;

/**
 * Decodes captured frames down to UDP datagrams, TCP stream bytes and ICMP errors, handed to a {@link DecodedSink}.
 *
 * <p>Layers: link ({@link LinkType}: Ethernet with 802.1Q / 802.1ad / 0x9100 tag stacks, Linux SLL and SLL2, raw IP,
 * BSD null/loopback) → IPv4 (RFC 791 §3.1) or IPv6 (RFC 8200 §3, extension headers §4) → IP fragment reassembly
 * ({@link FragmentReassembler}) → IP-in-IP (RFC 2003, RFC 4213 §3.5) → UDP (RFC 768), TCP (RFC 9293, stream
 * reassembly in {@link TcpReassembler}), ICMP (RFC 792) / ICMPv6 (RFC 4443 §3) errors with their quoted header.
 *
 * <p>Every frame counts as {@code frames} and as exactly one outcome (decoded by protocol, or dropped by reason);
 * events such as a clamped length are counted besides: see {@link #counters()}. Packet content never throws out of
 * {@link #decode}: lengths are checked before every read, and all offsets are relative to the {@code off} given.
 * Checksums are not verified (a capture on the sending host sees offloaded, not yet computed checksums).
 *
 * <p>Adding an encapsulation later (GRE, ERSPAN, VXLAN, TZSP, HEP) means one more case in one dispatch: by ethertype in
 * {@code etherType} (an inner Ethernet frame re-enters {@code ethernet}), by IP protocol in {@code transport} (GRE
 * 47), or by UDP port before the datagram is handed on in {@code udp} (VXLAN 4789, TZSP 37008, HEP), each with a
 * {@code depth} + 1 as IP-in-IP does.
 *
 * <p>The hot path (an unfragmented UDP datagram) allocates only the two {@link Endpoint} records. Fragments and
 * out-of-order TCP segments are copied. Not thread-safe: confined to the processing thread.
 */
public final class FrameDecoder {
    private static final long V4_MAPPED = 0xFFFF_0000_0000L;
    private static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final int ETH_VLAN = 0x8100;
    private static final int ETH_QINQ = 0x88A8;
    private static final int ETH_QINQ_OLD = 0x9100;

    private static final int PROTO_HOPOPT = 0;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_IPIP = 4;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_IPV6 = 41;
    private static final int PROTO_ROUTING = 43;
    private static final int PROTO_FRAGMENT = 44;
    private static final int PROTO_ESP = 50;
    private static final int PROTO_AH = 51;
    private static final int PROTO_ICMPV6 = 58;
    private static final int PROTO_NONE = 59;
    private static final int PROTO_DSTOPTS = 60;
    private static final int PROTO_MOBILITY = 135;
    private static final int PROTO_HIP = 139;
    private static final int PROTO_SHIM6 = 140;

    static final String PORT_UNREACHABLE = "port-unreachable";
    static final String HOST_UNREACHABLE = "host-unreachable";
    static final String NET_UNREACHABLE = "net-unreachable";
    static final String ADMIN_PROHIBITED = "admin-prohibited";
    static final String OTHER_UNREACHABLE = "other-unreachable";
    static final String TIME_EXCEEDED = "time-exceeded";

    private final DecodeLimits limits;
    private final Counters counters = new Counters();
    private final FragmentReassembler fragments;
    private final TcpReassembler tcp;

    /** A decoder with empty state, bounded by {@code limits}. */
    public FrameDecoder(DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.fragments = new FragmentReassembler(limits, counters);
        this.tcp = new TcpReassembler(limits, counters);
    }

    /**
     * Decodes one captured frame.
     *
     * @param captureNanos capture time (drives all time-outs)
     * @param linkType the link-layer header type of the capture ({@link LinkType})
     * @param buf bytes; only {@code buf[off .. off+len)} is read
     * @param sink receives what was decoded, during this call
     *             (an invalid range, e.g. {@code off + len > buf.length}, is counted {@code truncated-link})
     */
    public void decode(long captureNanos, int linkType, byte[] buf, int off, int len, DecodedSink sink) {
        counters.inc(Counter.FRAMES);
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            counters.inc(Counter.TRUNCATED_LINK);
            return;
        }
        try {
            link(captureNanos, linkType, buf, off, off + len, sink);
        } catch (RuntimeException e) {
            counters.inc(Counter.DECODER_BUG);
        }
    }

    /**
     * Drops IP fragments and TCP connections whose time is up at capture time {@code captureNanos}; call it
     * regularly (e.g. once per second of capture time). Idle TCP connections are forgotten silently: use
     * {@link #expire(long, DecodedSink)} to have them reported.
     */
    public void expire(long captureNanos) {
        expire(captureNanos, null);
    }

    /**
     * As {@link #expire(long)}, and reports each idle TCP connection forgotten by {@link DecodedSink#tcpClosed}
     * (reset = false), so that a stream framer can forget it too.
     *
     * @param sink receives the reports; null for none
     */
    public void expire(long captureNanos, DecodedSink sink) {
        fragments.expire(captureNanos);
        tcp.expire(captureNanos, sink);
    }

    /**
     * Counts by stable kebab-case key (all keys always present). {@code frames} counts every frame given to
     * {@link #decode}; each frame also counts as exactly one outcome: decoded ({@code udp}, {@code tcp},
     * {@code icmp-error}, {@code icmp-other}, {@code other-ip-protocol}, {@code encrypted},
     * {@code ipv6-no-next-header}, {@code ip-fragment-held}) or dropped ({@code unsupported-linktype},
     * {@code truncated-link}, {@code bad-link-header}, {@code non-ip}, {@code truncated-ip-header},
     * {@code bad-ip-header}, {@code encapsulation-too-deep}, {@code ip-fragment-duplicate},
     * {@code ip-fragment-truncated}, {@code bad-ip-fragment}, {@code ip-fragment-too-large},
     * {@code truncated-udp-header}, {@code bad-udp-header}, {@code truncated-tcp-header}, {@code bad-tcp-header},
     * {@code tcp-out-of-window}, {@code tcp-duplicate}, {@code truncated-icmp}, {@code decoder-bug}). A fragment that
     * completes a datagram counts as the outcome of the reassembled datagram. Events, counted besides:
     * {@code truncated-ip} and {@code truncated-udp} (length field clamped to the captured bytes),
     * {@code ip-reassembled}, {@code ip-fragment-overlap}, {@code ip-fragment-timeout} and {@code fragments-overflow}
     * (datagrams given up), {@code ip-in-ip}, {@code tcp-overlap}, {@code tcp-out-of-order}, {@code tcp-gap},
     * {@code tcp-closed}, {@code tcp-reset}, {@code tcp-retransmission}, {@code tcp-idle-timeout}, {@code tcp-connections-overflow}.
     */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /**
     * State held now: {@code ip-fragment-datagrams}, {@code ip-fragment-bytes} (buffer bytes), {@code tcp-connections},
     * {@code tcp-held-bytes} (out-of-order bytes waiting for a hole to fill).
     */
    public Map<String, Long> state() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("ip-fragment-datagrams", (long) fragments.datagrams());
        m.put("ip-fragment-bytes", fragments.bytesHeld());
        m.put("tcp-connections", (long) tcp.connections());
        m.put("tcp-held-bytes", tcp.bytesHeld());
        return m;
    }

    /** The limits this decoder was built with. */
    public DecodeLimits limits() {
        return limits;
    }

    // ------------------------------------------------------------------ link layer

    private void link(long t, int linkType, byte[] b, int p, int end, DecodedSink sink) {
        switch (linkType) {
            case LinkType.EN10MB -> ethernet(t, b, p, end, sink);
            case LinkType.LINUX_SLL -> {
                // packet type(2) ARPHRD type(2) address length(2) address(8) protocol(2)
                if (end - p < 16) {
                    counters.inc(Counter.TRUNCATED_LINK);
                } else {
                    etherType(t, u16(b, p + 14), b, p + 16, end, sink);
                }
            }
            case LinkType.LINUX_SLL2 -> {
                // protocol(2) reserved(2) interface index(4) ARPHRD type(2) packet type(1) address length(1) addr(8)
                if (end - p < 20) {
                    counters.inc(Counter.TRUNCATED_LINK);
                } else {
                    etherType(t, u16(b, p), b, p + 20, end, sink);
                }
            }
            case LinkType.RAW, LinkType.RAW_12, LinkType.RAW_14 -> rawIp(t, b, p, end, sink);
            case LinkType.IPV4 -> ipv4(t, b, p, end, 0, sink);
            case LinkType.IPV6 -> ipv6(t, b, p, end, 0, sink);
            case LinkType.NULL, LinkType.LOOP -> loopback(t, b, p, end, sink);
            default -> counters.inc(Counter.UNSUPPORTED_LINKTYPE);
        }
    }

    private void ethernet(long t, byte[] b, int p, int end, DecodedSink sink) {
        // destination(6) source(6) ethertype-or-length(2)
        if (end - p < 14) {
            counters.inc(Counter.TRUNCATED_LINK);
            return;
        }
        etherType(t, u16(b, p + 12), b, p + 14, end, sink);
    }

    /** Skips 802.1Q / 802.1ad tags (TPID already read as {@code type}; tag = TCI(2) + next type(2)), then IP. */
    private void etherType(long t, int type, byte[] b, int p, int end, DecodedSink sink) {
        int tags = 0;
        while (type == ETH_VLAN || type == ETH_QINQ || type == ETH_QINQ_OLD) {
            if (++tags > limits.maxVlanTags()) {
                counters.inc(Counter.BAD_LINK_HEADER);
                return;
            }
            if (end - p < 4) {
                counters.inc(Counter.TRUNCATED_LINK);
                return;
            }
            type = u16(b, p + 2);
            p += 4;
        }
        switch (type) {
            case ETH_IPV4 -> ipv4(t, b, p, end, 0, sink);
            case ETH_IPV6 -> ipv6(t, b, p, end, 0, sink);
            default -> counters.inc(Counter.NON_IP);
        }
    }

    private void rawIp(long t, byte[] b, int p, int end, DecodedSink sink) {
        if (end - p < 1) {
            counters.inc(Counter.TRUNCATED_IP_HEADER);
            return;
        }
        switch (u8(b, p) >>> 4) {
            case 4 -> ipv4(t, b, p, end, 0, sink);
            case 6 -> ipv6(t, b, p, end, 0, sink);
            default -> counters.inc(Counter.BAD_IP_HEADER);
        }
    }

    /** BSD loopback: a 4-byte address family, host byte order (NULL) or network order (LOOP); accept both. */
    private void loopback(long t, byte[] b, int p, int end, DecodedSink sink) {
        if (end - p < 4) {
            counters.inc(Counter.TRUNCATED_LINK);
            return;
        }
        int family = i32(b, p);
        if (family > 0xFFFF || family < 0) {
            family = Integer.reverseBytes(family);
        }
        switch (family) {
            case 2 -> ipv4(t, b, p + 4, end, 0, sink);
            case 24, 28, 30 -> ipv6(t, b, p + 4, end, 0, sink);
            default -> counters.inc(Counter.NON_IP);
        }
    }

    // ------------------------------------------------------------------ IP

    /** IPv4 header (RFC 791 §3.1); {@code end} is the end of the captured bytes. */
    private void ipv4(long t, byte[] b, int p, int end, int depth, DecodedSink sink) {
        int avail = end - p;
        if (avail < 20) {
            counters.inc(Counter.TRUNCATED_IP_HEADER);
            return;
        }
        int vihl = u8(b, p);
        int ihl = (vihl & 0x0F) * 4;
        if ((vihl >>> 4) != 4 || ihl < 20) {
            counters.inc(Counter.BAD_IP_HEADER);
            return;
        }
        if (ihl > avail) {
            counters.inc(Counter.TRUNCATED_IP_HEADER);
            return;
        }
        int total = u16(b, p + 2);
        if (total < ihl) {
            counters.inc(Counter.BAD_IP_HEADER);
            return;
        }
        boolean clamped = false;
        if (total > avail) {
            counters.inc(Counter.TRUNCATED_IP);
            total = avail;
            clamped = true;
        }
        int flagsOffset = u16(b, p + 6);
        boolean more = (flagsOffset & 0x2000) != 0;
        int fragOffset = (flagsOffset & 0x1FFF) * 8;
        int proto = u8(b, p + 9);
        long src = V4_MAPPED | (i32(b, p + 12) & 0xFFFF_FFFFL);
        long dst = V4_MAPPED | (i32(b, p + 16) & 0xFFFF_FFFFL);
        if (more || fragOffset != 0) {
            if (clamped) {
                counters.inc(Counter.IP_FRAGMENT_TRUNCATED);
                return;
            }
            fragment(t, 0L, src, 0L, dst, proto, u16(b, p + 4), fragOffset, more, b, p + ihl, p + total, depth,
                    sink);
            return;
        }
        ipPayload(t, false, proto, 0L, src, 0L, dst, b, p + ihl, p + total, clamped, depth, sink);
    }

    /** IPv6 fixed header (RFC 8200 §3). */
    private void ipv6(long t, byte[] b, int p, int end, int depth, DecodedSink sink) {
        int avail = end - p;
        if (avail < 40) {
            counters.inc(Counter.TRUNCATED_IP_HEADER);
            return;
        }
        if ((u8(b, p) >>> 4) != 6) {
            counters.inc(Counter.BAD_IP_HEADER);
            return;
        }
        int payload = u16(b, p + 4);
        boolean clamped = false;
        if (payload > avail - 40) {
            counters.inc(Counter.TRUNCATED_IP);
            payload = avail - 40;
            clamped = true;
        }
        ipPayload(t, true, u8(b, p + 6), i64(b, p + 8), i64(b, p + 16), i64(b, p + 24), i64(b, p + 32),
                b, p + 40, p + 40 + payload, clamped, depth, sink);
    }

    /**
     * The payload of an IP header, starting with protocol / next header {@code proto}: IPv6 extension headers
     * (RFC 8200 §4) and AH (RFC 4302 §2) are skipped, a fragment header goes to reassembly, the rest to transport.
     */
    private void ipPayload(long t, boolean v6, int proto, long sHi, long sLo, long dHi, long dLo, byte[] b, int p,
            int end, boolean clamped, int depth, DecodedSink sink) {
        for (int n = 0; n <= MAX_IPV6_EXTENSION_HEADERS; n++) {
            switch (proto) {
                case PROTO_HOPOPT, PROTO_ROUTING, PROTO_DSTOPTS, PROTO_MOBILITY, PROTO_HIP, PROTO_SHIM6 -> {
                    if (!v6) {
                        counters.inc(Counter.OTHER_IP_PROTOCOL);
                        return;
                    }
                    // next header(1) header extension length in 8-octet units, not counting the first 8(1)
                    int hl = extensionLength(b, p, end, 1, 8);
                    if (hl < 0) {
                        return;
                    }
                    proto = u8(b, p);
                    p += hl;
                }
                case PROTO_AH -> {
                    // next header(1) payload length in 4-octet units minus 2(1) ... (RFC 4302 §2.2)
                    int hl = extensionLength(b, p, end, 2, 4);
                    if (hl < 0) {
                        return;
                    }
                    proto = u8(b, p);
                    p += hl;
                }
                case PROTO_FRAGMENT -> {
                    if (!v6) {
                        counters.inc(Counter.OTHER_IP_PROTOCOL);
                        return;
                    }
                    // next header(1) reserved(1) offset(13 bits) res(2 bits) M(1 bit) identification(4)
                    if (end - p < 8) {
                        counters.inc(Counter.TRUNCATED_IP_HEADER);
                        return;
                    }
                    int next = u8(b, p);
                    int offM = u16(b, p + 2);
                    int fragOffset = offM & 0xFFF8;
                    boolean more = (offM & 1) != 0;
                    long id = i32(b, p + 4) & 0xFFFF_FFFFL;
                    p += 8;
                    if (fragOffset == 0 && !more) {
                        proto = next; // atomic fragment (RFC 6946): not reassembled
                    } else if (clamped) {
                        counters.inc(Counter.IP_FRAGMENT_TRUNCATED);
                        return;
                    } else {
                        fragment(t, sHi, sLo, dHi, dLo, next, id | (1L << 32), fragOffset, more, b, p, end, depth,
                                sink);
                        return;
                    }
                }
                case PROTO_NONE -> {
                    counters.inc(v6 ? Counter.IPV6_NO_NEXT_HEADER : Counter.OTHER_IP_PROTOCOL);
                    return;
                }
                default -> {
                    transport(t, v6, proto, sHi, sLo, dHi, dLo, b, p, end, depth, sink);
                    return;
                }
            }
        }
        counters.inc(Counter.BAD_IP_HEADER);
    }

    private void fragment(long t, long sHi, long sLo, long dHi, long dLo, int proto, long id, int fragOffset,
            boolean more, byte[] b, int p, int end, int depth, DecodedSink sink) {
        Counter held = fragments.offer(t, sHi, sLo, dHi, dLo, proto, id, fragOffset, more, b, p, end - p);
        if (held != null) {
            counters.inc(held);
            return;
        }
        byte[] whole = fragments.completed();
        int wholeLen = fragments.completedLength();
        if (depth >= limits.maxEncapsulationDepth()) {
            counters.inc(Counter.ENCAPSULATION_TOO_DEEP);
            return;
        }
        ipPayload(t, (id >>> 32) != 0, proto, sHi, sLo, dHi, dLo, whole, 0, wholeLen, false, depth + 1, sink);
    }

    private void transport(long t, boolean v6, int proto, long sHi, long sLo, long dHi, long dLo, byte[] b, int p,
            int end, int depth, DecodedSink sink) {
        switch (proto) {
            case PROTO_UDP -> udp(t, sHi, sLo, dHi, dLo, b, p, end, sink);
            case PROTO_TCP -> tcp(t, sHi, sLo, dHi, dLo, b, p, end, sink);
            case PROTO_ICMP -> {
                if (v6) {
                    counters.inc(Counter.OTHER_IP_PROTOCOL);
                } else {
                    icmp4(t, sHi, sLo, b, p, end, sink);
                }
            }
            case PROTO_ICMPV6 -> {
                if (v6) {
                    icmp6(t, sHi, sLo, b, p, end, sink);
                } else {
                    counters.inc(Counter.OTHER_IP_PROTOCOL);
                }
            }
            case PROTO_IPIP, PROTO_IPV6 -> {
                if (depth >= limits.maxEncapsulationDepth()) {
                    counters.inc(Counter.ENCAPSULATION_TOO_DEEP);
                    return;
                }
                counters.inc(Counter.IP_IN_IP);
                if (proto == PROTO_IPIP) {
                    ipv4(t, b, p, end, depth + 1, sink);
                } else {
                    ipv6(t, b, p, end, depth + 1, sink);
                }
            }
            case PROTO_ESP -> counters.inc(Counter.ENCRYPTED);
            default -> counters.inc(Counter.OTHER_IP_PROTOCOL);
        }
    }

    // ------------------------------------------------------------------ transport

    /** UDP (RFC 768): source port(2) destination port(2) length(2) checksum(2). */
    private void udp(long t, long sHi, long sLo, long dHi, long dLo, byte[] b, int p, int end, DecodedSink sink) {
        int avail = end - p;
        if (avail < 8) {
            counters.inc(Counter.TRUNCATED_UDP_HEADER);
            return;
        }
        int length = u16(b, p + 4);
        if (length < 8) {
            counters.inc(Counter.BAD_UDP_HEADER);
            return;
        }
        if (length > avail) {
            counters.inc(Counter.TRUNCATED_UDP);
            length = avail;
        }
        sink.udp(t, endpoint(sHi, sLo, u16(b, p)), endpoint(dHi, dLo, u16(b, p + 2)), b, p + 8, length - 8);
        counters.inc(Counter.UDP);
    }

    /** TCP header (RFC 9293 §3.1): ports(4) seq(4) ack(4) data offset/flags(2) window(2) checksum(2) urgent(2). */
    private void tcp(long t, long sHi, long sLo, long dHi, long dLo, byte[] b, int p, int end, DecodedSink sink) {
        int avail = end - p;
        if (avail < 20) {
            counters.inc(Counter.TRUNCATED_TCP_HEADER);
            return;
        }
        int dataOffset = (u8(b, p + 12) >>> 4) * 4;
        if (dataOffset < 20) {
            counters.inc(Counter.BAD_TCP_HEADER);
            return;
        }
        if (dataOffset > avail) {
            counters.inc(Counter.TRUNCATED_TCP_HEADER);
            return;
        }
        Endpoint src = endpoint(sHi, sLo, u16(b, p));
        Endpoint dst = endpoint(dHi, dLo, u16(b, p + 2));
        Counter outcome = tcp.segment(t, src, dst, i32(b, p + 4), i32(b, p + 8), u8(b, p + 13), b, p + dataOffset,
                avail - dataOffset, sink);
        counters.inc(outcome);
    }

    /** ICMP (RFC 792): type(1) code(1) checksum(2) unused(4) then the quoted IP header + 8 bytes. */
    private void icmp4(long t, long sHi, long sLo, byte[] b, int p, int end, DecodedSink sink) {
        if (end - p < 8) {
            counters.inc(Counter.TRUNCATED_ICMP);
            return;
        }
        int type = u8(b, p);
        int code = u8(b, p + 1);
        String kind;
        if (type == 3) {
            kind = switch (code) {
                case 0 -> NET_UNREACHABLE;
                case 1 -> HOST_UNREACHABLE;
                case 3 -> PORT_UNREACHABLE;
                case 9, 10, 13 -> ADMIN_PROHIBITED;
                default -> OTHER_UNREACHABLE;
            };
        } else if (type == 11) {
            kind = TIME_EXCEEDED;
        } else {
            counters.inc(Counter.ICMP_OTHER);
            return;
        }
        int q = p + 8;
        if (end - q < 20) {
            counters.inc(Counter.TRUNCATED_ICMP);
            return;
        }
        int vihl = u8(b, q);
        int ihl = (vihl & 0x0F) * 4;
        if ((vihl >>> 4) != 4 || ihl < 20 || end - q < ihl) {
            counters.inc(Counter.TRUNCATED_ICMP);
            return;
        }
        int proto = u8(b, q + 9);
        boolean first = (u16(b, q + 6) & 0x1FFF) == 0;
        long src = V4_MAPPED | (i32(b, q + 12) & 0xFFFF_FFFFL);
        long dst = V4_MAPPED | (i32(b, q + 16) & 0xFFFF_FFFFL);
        icmpError(t, sHi, sLo, kind, proto, first, 0L, src, 0L, dst, b, q + ihl, end, sink);
    }

    /** ICMPv6 (RFC 4443 §3.1, §3.3): type(1) code(1) checksum(2) unused(4) then as much of the packet as fits. */
    private void icmp6(long t, long sHi, long sLo, byte[] b, int p, int end, DecodedSink sink) {
        if (end - p < 8) {
            counters.inc(Counter.TRUNCATED_ICMP);
            return;
        }
        int type = u8(b, p);
        int code = u8(b, p + 1);
        String kind;
        if (type == 1) {
            kind = switch (code) {
                case 0 -> NET_UNREACHABLE;
                case 1, 5, 6 -> ADMIN_PROHIBITED;
                case 3 -> HOST_UNREACHABLE;
                case 4 -> PORT_UNREACHABLE;
                default -> OTHER_UNREACHABLE;
            };
        } else if (type == 3) {
            kind = TIME_EXCEEDED;
        } else {
            counters.inc(Counter.ICMP_OTHER);
            return;
        }
        int q = p + 8;
        if (end - q < 40 || (u8(b, q) >>> 4) != 6) {
            counters.inc(Counter.TRUNCATED_ICMP);
            return;
        }
        int proto = u8(b, q + 6);
        int r = q + 40;
        boolean first = true;
        for (int n = 0; n <= MAX_IPV6_EXTENSION_HEADERS && first; n++) {
            if (proto == PROTO_HOPOPT || proto == PROTO_ROUTING || proto == PROTO_DSTOPTS || proto == PROTO_AH
                    || proto == PROTO_FRAGMENT) {
                if (end - r < 8) {
                    counters.inc(Counter.TRUNCATED_ICMP);
                    return;
                }
                int hl = proto == PROTO_FRAGMENT ? 8
                        : proto == PROTO_AH ? (u8(b, r + 1) + 2) * 4 : (u8(b, r + 1) + 1) * 8;
                if (proto == PROTO_FRAGMENT && (u16(b, r + 2) & 0xFFF8) != 0) {
                    first = false;
                }
                proto = u8(b, r);
                r += hl;
            } else {
                break;
            }
        }
        icmpError(t, sHi, sLo, kind, proto, first, i64(b, q + 8), i64(b, q + 16), i64(b, q + 24), i64(b, q + 32),
                b, r, end, sink);
    }

    /** Ports from the quoted transport header: both UDP and TCP start with source port(2) destination port(2). */
    private void icmpError(long t, long rHi, long rLo, String kind, int proto, boolean firstFragment, long sHi,
            long sLo, long dHi, long dLo, byte[] b, int r, int end, DecodedSink sink) {
        int sport = 0;
        int dport = 0;
        if ((proto == PROTO_UDP || proto == PROTO_TCP) && firstFragment) {
            if (r < 0 || end - r < 4) {
                counters.inc(Counter.TRUNCATED_ICMP);
                return;
            }
            sport = u16(b, r);
            dport = u16(b, r + 2);
        }
        sink.icmpError(t, endpoint(rHi, rLo, 0), endpoint(sHi, sLo, sport), endpoint(dHi, dLo, dport), kind);
        counters.inc(Counter.ICMP_ERROR);
    }

    /** The canonical endpoint: IPv4-mapped addresses go through {@link Endpoint#ipv4}. */
    static Endpoint endpoint(long hi, long lo, int port) {
        if (hi == 0L && (lo >>> 32) == 0xFFFFL) {
            return Endpoint.ipv4((int) lo, port);
        }
        return new Endpoint(hi, lo, port);
    }

    /**
     * Length in bytes of the extension header at {@code p}, whose second byte counts {@code unit}-octet units
     * beyond the first {@code base} units; -1 (counted as a truncated IP header) when it does not fit.
     */
    private int extensionLength(byte[] b, int p, int end, int base, int unit) {
        if (end - p < 8) {
            counters.inc(Counter.TRUNCATED_IP_HEADER);
            return -1;
        }
        int hl = (u8(b, p + 1) + base) * unit;
        if (end - p < hl) {
            counters.inc(Counter.TRUNCATED_IP_HEADER);
            return -1;
        }
        return hl;
    }
}
