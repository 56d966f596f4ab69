package org.shadowrec.testpcaps.gen;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything that decides a generated capture. Same options → byte-identical file.
 *
 * @param seed                all random choices (tags, Call-IDs, SSRCs, sequence numbers, jitter) derive from it
 * @param start               time of the first call's first packet
 * @param seconds             RTP audio per direction, rounded to 20 ms packets
 * @param codec               G.711 law of both directions
 * @param sipTransport        UDP or TCP signalling
 * @param fragmentInvite      IPv4 fragmentation of the INVITE
 * @param ipv6                IPv6 addresses (fd00::10 / fd00::20) instead of 10.0.0.10 / 10.0.0.20
 * @param vlans               VLAN ids, outermost first (empty, one for 802.1Q, two for QinQ)
 * @param callerImpairments   what happens to caller → callee RTP
 * @param calleeImpairments   what happens to callee → caller RTP
 * @param dtmfDigits          RFC 4733 digits sent in the caller stream (empty: none)
 * @param calls               concurrent calls (distinct Call-IDs, numbers, RTP ports)
 * @param staggerMillis       start of call i = start + i × staggerMillis
 * @param format              output file format
 */
public record CaptureOptions(long seed, Instant start, double seconds, Codec codec, SipTransport sipTransport,
                             Fragmentation fragmentInvite, boolean ipv6, List<Integer> vlans,
                             Impairments callerImpairments, Impairments calleeImpairments, String dtmfDigits,
                             int calls, int staggerMillis, CaptureFormat format) {

    /** Default start instant of every capture. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-15T10:00:00Z");

    /** Validates. */
    public CaptureOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(sipTransport, "sipTransport");
        Objects.requireNonNull(fragmentInvite, "fragmentInvite");
        Objects.requireNonNull(callerImpairments, "callerImpairments");
        Objects.requireNonNull(calleeImpairments, "calleeImpairments");
        Objects.requireNonNull(dtmfDigits, "dtmfDigits");
        Objects.requireNonNull(format, "format");
        vlans = List.copyOf(vlans);
        if (vlans.size() > 2) {
            throw new IllegalArgumentException("at most two VLAN tags");
        }
        if (seconds < 0.1) {
            throw new IllegalArgumentException("seconds must be at least 0.1");
        }
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1");
        }
        if (fragmentInvite != Fragmentation.NONE && ipv6) {
            throw new IllegalArgumentException("INVITE fragmentation is IPv4 only");
        }
        if (fragmentInvite != Fragmentation.NONE && sipTransport == SipTransport.TCP) {
            throw new IllegalArgumentException("INVITE fragmentation is for SIP over UDP");
        }
        for (char c : dtmfDigits.toCharArray()) {
            if (Dtmf.event(c) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: " + c);
            }
        }
    }

    /** @return RTP packets per direction (20 ms each) */
    public int packetsPerDirection() {
        return (int) Math.round(seconds * 50);
    }

    /** @return a builder with the defaults: seed 1, 8 s, PCMU, UDP, IPv4, no VLAN, one call, pcap µs LE */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.start = start;
        b.seconds = seconds;
        b.codec = codec;
        b.sipTransport = sipTransport;
        b.fragmentInvite = fragmentInvite;
        b.ipv6 = ipv6;
        b.vlans = vlans;
        b.callerImpairments = callerImpairments;
        b.calleeImpairments = calleeImpairments;
        b.dtmfDigits = dtmfDigits;
        b.calls = calls;
        b.staggerMillis = staggerMillis;
        b.format = format;
        return b;
    }

    /** Mutable builder of {@link CaptureOptions}. */
    public static final class Builder {
        private long seed = 1;
        private Instant start = DEFAULT_START;
        private double seconds = 8;
        private Codec codec = Codec.PCMU;
        private SipTransport sipTransport = SipTransport.UDP;
        private Fragmentation fragmentInvite = Fragmentation.NONE;
        private boolean ipv6;
        private List<Integer> vlans = List.of();
        private Impairments callerImpairments = Impairments.NONE;
        private Impairments calleeImpairments = Impairments.NONE;
        private String dtmfDigits = "";
        private int calls = 1;
        private int staggerMillis = 100;
        private CaptureFormat format = CaptureFormat.PCAP_US_LE;

        private Builder() {
        }

        /** @return this */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @return this */
        public Builder start(Instant v) {
            start = v;
            return this;
        }

        /** @return this */
        public Builder seconds(double v) {
            seconds = v;
            return this;
        }

        /** @return this */
        public Builder codec(Codec v) {
            codec = v;
            return this;
        }

        /** @return this */
        public Builder sipTransport(SipTransport v) {
            sipTransport = v;
            return this;
        }

        /** @return this */
        public Builder fragmentInvite(Fragmentation v) {
            fragmentInvite = v;
            return this;
        }

        /** @return this */
        public Builder ipv6(boolean v) {
            ipv6 = v;
            return this;
        }

        /** @return this */
        public Builder vlans(Integer... v) {
            vlans = List.of(v);
            return this;
        }

        /** @return this */
        public Builder callerImpairments(Impairments v) {
            callerImpairments = v;
            return this;
        }

        /** @return this */
        public Builder calleeImpairments(Impairments v) {
            calleeImpairments = v;
            return this;
        }

        /** @return this */
        public Builder dtmfDigits(String v) {
            dtmfDigits = v;
            return this;
        }

        /** @return this */
        public Builder calls(int v) {
            calls = v;
            return this;
        }

        /** @return this */
        public Builder staggerMillis(int v) {
            staggerMillis = v;
            return this;
        }

        /** @return this */
        public Builder format(CaptureFormat v) {
            format = v;
            return this;
        }

        /** @return the validated options */
        public CaptureOptions build() {
            return new CaptureOptions(seed, start, seconds, codec, sipTransport, fragmentInvite, ipv6, vlans,
                    callerImpairments, calleeImpairments, dtmfDigits, calls, staggerMillis, format);
        }
    }
}
