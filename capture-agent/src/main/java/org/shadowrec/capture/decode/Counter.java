package org.shadowrec.capture.decode;

/**
 * What {@link FrameDecoder#counters()} counts, with its stable kebab-case key. A frame's <em>outcome</em> is counted
 * exactly once per frame ({@code frames} = the sum of all outcomes); <em>events</em> are counted besides (a clamped
 * length, a datagram timed out, a TCP hole given up...).
 */
enum Counter {
    // --- every frame
    FRAMES("frames", false),

    // --- outcomes: decoded
    UDP("udp", true),
    TCP("tcp", true),
    ICMP_ERROR("icmp-error", true),
    ICMP_OTHER("icmp-other", true),
    OTHER_IP_PROTOCOL("other-ip-protocol", true),
    ENCRYPTED("encrypted", true),
    IPV6_NO_NEXT_HEADER("ipv6-no-next-header", true),
    IP_FRAGMENT_HELD("ip-fragment-held", true),

    // --- outcomes: dropped
    UNSUPPORTED_LINKTYPE("unsupported-linktype", true),
    TRUNCATED_LINK("truncated-link", true),
    BAD_LINK_HEADER("bad-link-header", true),
    NON_IP("non-ip", true),
    TRUNCATED_IP_HEADER("truncated-ip-header", true),
    BAD_IP_HEADER("bad-ip-header", true),
    ENCAPSULATION_TOO_DEEP("encapsulation-too-deep", true),
    IP_FRAGMENT_DUPLICATE("ip-fragment-duplicate", true),
    IP_FRAGMENT_TRUNCATED("ip-fragment-truncated", true),
    BAD_IP_FRAGMENT("bad-ip-fragment", true),
    IP_FRAGMENT_TOO_LARGE("ip-fragment-too-large", true),
    TRUNCATED_UDP_HEADER("truncated-udp-header", true),
    BAD_UDP_HEADER("bad-udp-header", true),
    TRUNCATED_TCP_HEADER("truncated-tcp-header", true),
    BAD_TCP_HEADER("bad-tcp-header", true),
    TCP_OUT_OF_WINDOW("tcp-out-of-window", true),
    TCP_DUPLICATE("tcp-duplicate", true),
    TRUNCATED_ICMP("truncated-icmp", true),
    DECODER_BUG("decoder-bug", true),

    // --- events
    TRUNCATED_IP("truncated-ip", false),
    TRUNCATED_UDP("truncated-udp", false),
    IP_REASSEMBLED("ip-reassembled", false),
    IP_FRAGMENT_OVERLAP("ip-fragment-overlap", false),
    IP_FRAGMENT_TIMEOUT("ip-fragment-timeout", false),
    FRAGMENTS_OVERFLOW("fragments-overflow", false),
    IP_IN_IP("ip-in-ip", false),
    TCP_OVERLAP("tcp-overlap", false),
    TCP_OUT_OF_ORDER("tcp-out-of-order", false),
    TCP_GAP("tcp-gap", false),
    TCP_CLOSED("tcp-closed", false),
    TCP_RESET("tcp-reset", false),
    TCP_RETRANSMISSION("tcp-retransmission", false),
    TCP_IDLE_TIMEOUT("tcp-idle-timeout", false),
    TCP_CONNECTIONS_OVERFLOW("tcp-connections-overflow", false);

    private final String key;
    private final boolean outcome;

    Counter(String key, boolean outcome) {
        this.key = key;
        this.outcome = outcome;
    }

    /** The stable kebab-case key. */
    String key() {
        return key;
    }

    /** True when this counts the single outcome of a frame. */
    boolean outcome() {
        return outcome;
    }
}
