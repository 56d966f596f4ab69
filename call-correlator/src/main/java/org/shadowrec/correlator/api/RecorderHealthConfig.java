package org.shadowrec.correlator.api;

import java.time.Duration;

/**
 * When the correlator calls the active (primary) recorder of a BiB or SIPREC session failed. A false alarm is worse
 * than none: one lost datagram, one retransmission answered later or one stray ICMP error is not a failure, so each
 * kind of evidence needs confirmation. See {@code docs/correlator.md}, "Primary recorder health".
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>icmpConfirmCount</td><td>2</td><td>ICMP port/host unreachables (RFC 792, RFC 4443 §3.1) for datagrams sent
 *     to the recorder (SIP or RTP) needed in one run</td></tr>
 * <tr><td>icmpConfirmSpan</td><td>500 ms</td><td>from the first to the last unreachable of the run at least this: a
 *     burst while the phone still sends to a port the recorder just closed (a media move) is not enough, while
 *     Linux's rate limit (a burst of about 6, then about 1 per second per peer; none on loopback) of a dead
 *     recorder's host confirms about 1 s after the kill when RTP (50 packets/s) goes on</td></tr>
 * <tr><td>icmpMaxGap</td><td>1.5 s</td><td>a longer silence between two port unreachables starts a new run (a
 *     stray one a few seconds before a kill does not move the failure time)</td></tr>
 * <tr><td>icmpHostMaxGap</td><td>4 s</td><td>the same for host unreachable, which a router sends in bursts about every
 *     3 s (one per ARP/ND resolution that failed)</td></tr>
 * <tr><td>requestTransmissions</td><td>3</td><td>transmissions (RFC 3261 §17.1 timers A/E; copies closer than
 *     250 ms are one) of a SIP request sent to the recorder without any response, to suspect it</td></tr>
 * <tr><td>requestSpan</td><td>1 s</td><td>first to last of those transmissions at least this</td></tr>
 * <tr><td>tcpTransmissions</td><td>3</td><td>transmissions of one TCP segment towards the recorder without the
 *     acknowledgement advancing (RFC 6298 back-off), to suspect it</td></tr>
 * <tr><td>tcpSpan</td><td>500 ms</td><td>first to last of those transmissions at least this</td></tr>
 * <tr><td>answerWindow</td><td>32 s</td><td>a suspicion (unanswered request or OPTIONS, unacknowledged TCP, TCP
 *     reset) is cleared when the recorder sends any SIP message within this time of its first evidence (RFC 3261
 *     Timer B/F = 64·T1); an answer later than that, or none at all, confirms it</td></tr>
 * </table>
 */
public record RecorderHealthConfig(int icmpConfirmCount, Duration icmpConfirmSpan, Duration icmpMaxGap,
                                   Duration icmpHostMaxGap, int requestTransmissions, Duration requestSpan,
                                   int tcpTransmissions, Duration tcpSpan, Duration answerWindow) {

    public RecorderHealthConfig {
        if (icmpConfirmCount < 1 || requestTransmissions < 2 || tcpTransmissions < 2) {
            throw new IllegalArgumentException("counts: icmp >= 1, requests and tcp >= 2");
        }
        if (icmpConfirmSpan == null || icmpMaxGap == null || icmpHostMaxGap == null || requestSpan == null || tcpSpan == null
                || answerWindow == null) {
            throw new IllegalArgumentException("durations are required");
        }
    }

    /** The documented defaults. */
    public static RecorderHealthConfig defaults() {
        return new RecorderHealthConfig(2, Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(4),
                3, Duration.ofSeconds(1), 3, Duration.ofMillis(500), Duration.ofSeconds(32));
    }
}
