package org.shadowrec.testpcaps.gen;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The captures committed under {@code test-pcaps/}: name, description and the exact options that produce them. */
public final class Catalog {
    /**
     * One committed capture.
     *
     * @param name        folder name under test-pcaps/
     * @param description what it holds (one paragraph, Markdown)
     * @param options     generator options
     */
    public record Entry(String name, String description, CaptureOptions options) {
    }

    private static final Impairments CALLER_IMPAIRED = new Impairments(Set.of(50, 120, 121, 200, 270),
            Set.of(80, 150, 250), Set.of(100, 170, 220, 280));
    private static final Impairments CALLEE_IMPAIRED = new Impairments(Set.of(60, 130, 210, 211, 285),
            Set.of(90, 160, 260), Set.of(110, 180, 230, 290));

    private static final List<Entry> ENTRIES = List.of(
            new Entry("sip-udp-g711u",
                    "The basic call: SIP over UDP, G.711 µ-law both ways, 8 s of audio, no impairment.",
                    base(101).seconds(8).build()),
            new Entry("sip-udp-g711a",
                    "Same call flow as sip-udp-g711u with G.711 A-law (PT 8) offered and answered, 6 s.",
                    base(102).seconds(6).codec(Codec.PCMA).build()),
            new Entry("sip-tcp-g711u",
                    "SIP over one TCP connection (caller ephemeral port → callee 5060): 3-way handshake, the INVITE "
                            + "split over two segments, 100 Trying + 180 Ringing coalesced in one segment, the ACK "
                            + "segment retransmitted 200 ms later, the BYE's 200 OK split over two segments, FIN both "
                            + "ways. RTP over UDP, PCMU, 6 s. tshark reassembles the stream and decodes all 7 SIP "
                            + "messages (one frame holds both 100 and 180); its \"Average setup time 0 ms\" only "
                            + "means Wireshark matches SIP responses to requests for UDP alone "
                            + "(sip_is_packet_resend returns early for anything but UDP).",
                    base(103).seconds(6).sipTransport(SipTransport.TCP).build()),
            new Entry("sip-udp-fragmented-invite",
                    "The INVITE is padded (X-Padding header) to exactly 2,000 bytes of SIP, so with MTU 1500 it "
                            + "travels as two IPv4 fragments; the last fragment is captured first (out of order). "
                            + "PCMU, 5 s.",
                    base(104).seconds(5).fragmentInvite(Fragmentation.OUT_OF_ORDER).build()),
            new Entry("rtp-impaired",
                    "SIP over UDP, PCMU, 6 s (300 packets per direction) with impairments per direction: 5 packets "
                            + "dropped, 3 duplicated (copy 0.5 ms after the original), 4 adjacent pairs swapped. "
                            + "Caller indices: drop 50, 120, 121, 200, 270; duplicate 80, 150, 250; swap 100, 170, "
                            + "220, 280. Callee: drop 60, 130, 210, 211, 285; duplicate 90, 160, 260; swap 110, 180, "
                            + "230, 290 (index i = sequence number seq0 + i; a swap exchanges i and i + 1). expected.yaml "
                            + "counts per direction packets 295 (distinct, duplicates excluded), lost 5, duplicates 3, "
                            + "reordered 4. tshark's rtp,streams counts the 3 duplicates as received (Pkts 298) and "
                            + "so shows Lost 2 (= 300 expected − 298 received, RFC 3550 §A.3 cumulative loss, which "
                            + "duplicates offset); both views describe the same packets.",
                    base(105).seconds(6).callerImpairments(CALLER_IMPAIRED).calleeImpairments(CALLEE_IMPAIRED)
                            .build()),
            new Entry("sip-udp-vlan",
                    "Every frame carries one 802.1Q tag, VLAN 100. PCMU, 5 s.",
                    base(106).seconds(5).vlans(100).build()),
            new Entry("sip-udp-qinq",
                    "QinQ: an 802.1ad outer tag (TPID 0x88A8, VLAN 200) and an 802.1Q inner tag (VLAN 100) on every "
                            + "frame. PCMU, 4 s.",
                    base(107).seconds(4).vlans(200, 100).build()),
            new Entry("sip-udp-pcapng",
                    "pcapng file (SHB, one IDB with if_tsresol = 9, i.e. nanosecond timestamps, EPBs), little "
                            + "endian. PCMU, 5 s.",
                    base(108).seconds(5).format(CaptureFormat.PCAPNG_NS_LE).build()),
            new Entry("sip-udp-ipv6",
                    "The basic call over IPv6: caller fd00::10, callee fd00::20 (SIP URIs in brackets, SDP c=IN IP6). "
                            + "PCMU, 5 s.",
                    base(109).seconds(5).ipv6(true).build()),
            new Entry("sip-udp-dtmf",
                    "RFC 4733 DTMF digits \"1234#\" in the caller stream (PT 101, same SSRC), the first 1 s into the "
                            + "media, then every 0.5 s: 5 packets of growing duration (100 ms, duration 800), the end "
                            + "packet sent 3 times in total, sequence numbers increment per packet. PCMU, 6 s.",
                    base(110).seconds(6).dtmfDigits("1234#").build()),
            new Entry("pcap-big-endian-ns",
                    "Classic pcap written big endian with the nanosecond magic (0xA1B23C4D as stored bytes "
                            + "a1 b2 3c 4d). PCMU, 4 s.",
                    base(111).seconds(4).format(CaptureFormat.PCAP_NS_BE).build()));

    private Catalog() {
    }

    private static CaptureOptions.Builder base(long seed) {
        return CaptureOptions.builder().seed(seed);
    }

    /** @return every committed capture */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** @return the entry called {@code name} */
    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
