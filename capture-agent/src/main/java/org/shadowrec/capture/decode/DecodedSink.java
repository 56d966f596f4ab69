package org.shadowrec.capture.decode;

import org.shadowrec.correlator.api.Endpoint;

/**
 * What frame decoding hands on. Buffers are only valid during the call: copy what you keep.
 */
public interface DecodedSink {

    /** A UDP datagram (after IP reassembly). */
    void udp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len);

    /**
     * In-order TCP payload bytes of the stream direction {@code src → dst}, after reassembly (retransmissions and
     * overlaps removed, out-of-order segments held until the hole is filled or given up on).
     */
    void tcp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len);

    /**
     * The stream direction {@code src → dst} lost bytes that will never come (a hole given up on, or a connection
     * picked up mid-stream): a framer must resynchronise.
     */
    void tcpGap(long captureNanos, Endpoint src, Endpoint dst);

    /**
     * The TCP connection between the two endpoints closed (FIN both ways, or RST). For a reset, {@code src} is the
     * sender of the RST (RFC 9293 §3.5.2).
     */
    void tcpClosed(long captureNanos, Endpoint src, Endpoint dst, boolean reset);

    /**
     * The oldest unacknowledged segment of {@code src → dst} was sent again without the acknowledgement from
     * {@code dst} having advanced past it (RFC 6298 §5): {@code transmissions} seen so far (at least 2; copies closer
     * than 100 ms are one), the first at {@code firstNanos}. Reported on every further transmission; ends when the
     * acknowledgement advances. Evidence that {@code dst} is gone when it goes on.
     */
    default void tcpRetransmission(long captureNanos, Endpoint src, Endpoint dst, long firstNanos,
                                   int transmissions) {
    }

    /**
     * An ICMP/ICMPv6 destination-unreachable (or time-exceeded) message about a datagram that went from
     * {@code origSrc} to {@code origDst} (taken from the quoted header inside the ICMP error).
     *
     * @param reporter address of the host that sent the ICMP error (port 0)
     * @param kind e.g. {@code port-unreachable}, {@code host-unreachable}, {@code net-unreachable},
     *             {@code admin-prohibited}, {@code time-exceeded}
     */
    void icmpError(long captureNanos, Endpoint reporter, Endpoint origSrc, Endpoint origDst, String kind);
}
