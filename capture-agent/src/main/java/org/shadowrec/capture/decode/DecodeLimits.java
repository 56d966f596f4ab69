package org.shadowrec.capture.decode;

/**
 * Bounds on the state frame decoding keeps. Every table is bounded; what does not fit is counted and the oldest entry
 * is evicted. Times are capture time (nanoseconds), never wall-clock time.
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>Limit</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code maxFragmentDatagrams}</td><td>1024</td>
 *       <td>IP datagrams being reassembled at once; one more evicts the oldest ({@code fragments-overflow})</td></tr>
 *   <tr><td>{@code maxFragmentDatagramBytes}</td><td>65535</td>
 *       <td>largest reassembled IP payload; a fragment reaching past it is dropped
 *       ({@code ip-fragment-too-large})</td></tr>
 *   <tr><td>{@code maxFragmentBytesTotal}</td><td>8 MiB</td>
 *       <td>buffer bytes held by all datagrams under reassembly; above it the oldest are evicted
 *       ({@code fragments-overflow}); at least {@code maxFragmentDatagramBytes}</td></tr>
 *   <tr><td>{@code fragmentTimeoutNanos}</td><td>30 s</td>
 *       <td>a datagram not complete this long after its first fragment is dropped ({@code ip-fragment-timeout};
 *       RFC 791 §3.2 suggests 15 s, RFC 8200 §4.5 60 s)</td></tr>
 *   <tr><td>{@code maxTcpConnections}</td><td>16384</td>
 *       <td>TCP connections tracked; one more evicts the least recently active
 *       ({@code tcp-connections-overflow})</td></tr>
 *   <tr><td>{@code maxTcpBufferedBytes}</td><td>256 KiB</td>
 *       <td>out-of-order bytes held per stream direction; above it the hole is given up
 *       ({@code tcp-gap}, then delivery continues from the next held data)</td></tr>
 *   <tr><td>{@code maxTcpBufferedBytesTotal}</td><td>64 MiB</td>
 *       <td>out-of-order bytes held by all connections; above it the stream being added to gives up its holes
 *       ({@code tcp-gap})</td></tr>
 *   <tr><td>{@code tcpWindowBytes}</td><td>16 MiB</td>
 *       <td>a segment starting further than this ahead of the next expected byte is dropped
 *       ({@code tcp-out-of-window})</td></tr>
 *   <tr><td>{@code tcpIdleTimeoutNanos}</td><td>300 s</td>
 *       <td>a connection with no segment for this long is forgotten ({@code tcp-idle-timeout})</td></tr>
 *   <tr><td>{@code maxEncapsulationDepth}</td><td>4</td>
 *       <td>nested IP-in-IP headers decoded; deeper is dropped ({@code encapsulation-too-deep})</td></tr>
 *   <tr><td>{@code maxVlanTags}</td><td>8</td>
 *       <td>stacked 802.1Q/802.1ad tags skipped; more is dropped ({@code bad-link-header})</td></tr>
 * </table>
 */
public record DecodeLimits(
        int maxFragmentDatagrams,
        int maxFragmentDatagramBytes,
        long maxFragmentBytesTotal,
        long fragmentTimeoutNanos,
        int maxTcpConnections,
        int maxTcpBufferedBytes,
        long maxTcpBufferedBytesTotal,
        int tcpWindowBytes,
        long tcpIdleTimeoutNanos,
        int maxEncapsulationDepth,
        int maxVlanTags) {

    private static final long SECOND = 1_000_000_000L;

    /** Checks every limit is positive and within what the protocols allow. */
    public DecodeLimits {
        positive(maxFragmentDatagrams, "maxFragmentDatagrams");
        positive(maxFragmentDatagramBytes, "maxFragmentDatagramBytes");
        if (maxFragmentDatagramBytes > 65535) {
            throw new IllegalArgumentException("maxFragmentDatagramBytes > 65535: " + maxFragmentDatagramBytes);
        }
        if (maxFragmentBytesTotal < maxFragmentDatagramBytes) {
            throw new IllegalArgumentException("maxFragmentBytesTotal < maxFragmentDatagramBytes");
        }
        positive(fragmentTimeoutNanos, "fragmentTimeoutNanos");
        positive(maxTcpConnections, "maxTcpConnections");
        positive(maxTcpBufferedBytes, "maxTcpBufferedBytes");
        if (maxTcpBufferedBytesTotal < maxTcpBufferedBytes) {
            throw new IllegalArgumentException("maxTcpBufferedBytesTotal < maxTcpBufferedBytes");
        }
        positive(tcpWindowBytes, "tcpWindowBytes");
        if (tcpWindowBytes > (1 << 30)) {
            throw new IllegalArgumentException("tcpWindowBytes > 2^30: " + tcpWindowBytes);
        }
        positive(tcpIdleTimeoutNanos, "tcpIdleTimeoutNanos");
        positive(maxEncapsulationDepth, "maxEncapsulationDepth");
        positive(maxVlanTags, "maxVlanTags");
    }

    /** The defaults of the table above. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(1024, 65535, 8L << 20, 30 * SECOND, 16384, 256 << 10, 64L << 20, 16 << 20, 300 * SECOND, 4, 8);
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + v);
        }
    }
}
