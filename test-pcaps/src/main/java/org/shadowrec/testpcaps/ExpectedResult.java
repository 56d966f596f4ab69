package org.shadowrec.testpcaps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The content of one {@code expected.yaml}: what a correct recorder must produce from the capture next to it.
 * Unknown keys are rejected, so a typo in a hand-written file fails loudly.
 *
 * @param capture    file name of the capture in the same folder
 * @param format     e.g. {@code pcap-us-le}, {@code pcapng-ns-le}, {@code pcap-ns-be}
 * @param packets    frames in the capture
 * @param recordings one per call, in call order
 */
public record ExpectedResult(String capture, String format, long packets, List<Recording> recordings) {

    /** Null lists become empty. */
    public ExpectedResult {
        recordings = recordings == null ? List.of() : List.copyOf(recordings);
    }

    /**
     * One recording (one call, one BiB near/far pair, or one SIPREC recording session).
     *
     * <p>The fields from {@code kind} on are optional: the generator's plain SIP captures leave them out, the SIPp
     * captures (BiB, SIPREC; made by {@code test-pcaps/sipp/make-captures.py}) fill those that apply.
     *
     * @param callId       Call-ID (BiB: the near-end leg; SIPREC: the recording session's dialog)
     * @param fromTag      caller's From tag (of the {@code callId} dialog)
     * @param toTag        callee's To tag (of the answered {@code callId} dialog)
     * @param sipTransport UDP or TCP
     * @param inviteTime   capture time of the INVITE's first frame (ISO-8601)
     * @param byeTime      capture time of the (last) BYE (ISO-8601)
     * @param endReason    e.g. {@code bye}
     * @param audioSeconds nominal RTP span per stream: packets sent × 20 ms
     * @param channels     0 = caller / BiB near end / first SIPREC participant, 1 = callee / far end / second, …
     * @param dtmf         RFC 4733 digits, empty when none
     * @param kind         {@code sip}, {@code bib} or {@code siprec}, as recording.json's {@code kind}; absent = sip
     * @param callIds      every Call-ID whose dialog is part of this recording (BiB: near-end leg then far-end
     *                     leg), in INVITE order; absent when it is only {@code callId}
     * @param bib          Cisco Built-in-Bridge facts from the legs' From URI parameters, absent when not BiB
     * @param siprec       SIPREC facts (RFC 7866 recording session; metadata per RFC 7865 or a vendor dialect),
     *                     absent when not SIPREC
     * @param related      other recordings of the same file this one belongs with (e.g. a BiB resume after hold),
     *                     empty when none
     * @param attempts     recorders the recording was offered to, in order (SRS failover), empty when only one
     * @param primaryRecorder what recording.json's {@code primaryRecorder} must say, when the capture was made to
     *                     test it (a recorder killed mid-call, or one that stayed up); absent otherwise
     */
    public record Recording(String callId, String fromTag, String toTag, String sipTransport, String inviteTime,
                            String byeTime, String endReason, double audioSeconds, List<Channel> channels,
                            List<Dtmf> dtmf, String kind, List<String> callIds, Bib bib, Siprec siprec,
                            List<Related> related, List<Attempt> attempts, PrimaryRecorder primaryRecorder) {
        /** Null lists become empty. */
        public Recording {
            channels = channels == null ? List.of() : List.copyOf(channels);
            dtmf = dtmf == null ? List.of() : List.copyOf(dtmf);
            callIds = callIds == null ? List.of() : List.copyOf(callIds);
            related = related == null ? List.of() : List.copyOf(related);
            attempts = attempts == null ? List.of() : List.copyOf(attempts);
        }

        /** A plain SIP recording (the fields of the generator's captures only). */
        public Recording(String callId, String fromTag, String toTag, String sipTransport, String inviteTime,
                         String byeTime, String endReason, double audioSeconds, List<Channel> channels,
                         List<Dtmf> dtmf) {
            this(callId, fromTag, toTag, sipTransport, inviteTime, byeTime, endReason, audioSeconds, channels, dtmf,
                    null, null, null, null, null, null, null);
        }

        /** @return {@link #kind()}, {@code sip} when absent */
        public String kindOrSip() {
            return kind == null ? "sip" : kind;
        }

        /** @return {@link #callIds()}, or {@link #callId()} alone when absent */
        public List<String> allCallIds() {
            return callIds.isEmpty() ? List.of(callId) : callIds;
        }

        /** @return {@link #inviteTime()} parsed */
        public Instant inviteInstant() {
            return Instant.parse(inviteTime);
        }

        /** @return {@link #byeTime()} parsed */
        public Instant byeInstant() {
            return Instant.parse(byeTime);
        }

        /** @return the channel with this index */
        public Channel channel(int index) {
            return channels.stream().filter(c -> c.index() == index).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no channel " + index));
        }
    }

    /**
     * One WAV channel.
     *
     * @param index   WAV channel index
     * @param toneHz  tone the party sends
     * @param party   who
     * @param streams RTP streams mixed into this channel
     */
    public record Channel(int index, int toneHz, Party party, List<Stream> streams) {
        /** Null lists become empty. */
        public Channel {
            streams = streams == null ? List.of() : List.copyOf(streams);
        }
    }

    /**
     * A party as recording.json names it. Absent fields are not known from the signalling.
     *
     * @param name   display name
     * @param number user part
     * @param aor    address of record
     * @param device device name (Cisco BiB: {@code x-nearenddevice} / {@code x-farenddevice})
     */
    public record Party(String name, String number, String aor, String device) {
        /** A party without a device. */
        public Party(String name, String number, String aor) {
            this(name, number, aor, null);
        }
    }

    /**
     * Cisco Built-in-Bridge facts: CUCM puts them in the From URI of both recording legs (near end: {@code
     * x-nearend}, far end: {@code x-farend}).
     *
     * @param clusterId   {@code x-nearendclusterid}
     * @param refci       {@code x-refci}: the near-end call leg's reference
     * @param farendRefci {@code x-farendrefci}
     * @param nearEnd     {@code x-nearenddevice}, {@code x-nearendaddr}
     * @param farEnd      {@code x-farenddevice}, {@code x-farendaddr}
     */
    public record Bib(String clusterId, String refci, String farendRefci, BibEnd nearEnd, BibEnd farEnd) {
    }

    /**
     * One end of a BiB-recorded call.
     *
     * @param device device name, e.g. {@code SEP001122334455}
     * @param addr   directory number
     */
    public record BibEnd(String device, String addr) {
    }

    /**
     * SIPREC facts.
     *
     * @param sessionId    the communication session's id from the metadata (RFC 7865 {@code session_id}; the
     *                     dialects' equivalent), absent when the dialect has no metadata document
     * @param dialect      {@code rfc7865}, {@code acme}, {@code broadworks}, {@code audiocodes}, {@code cube-nbr}
     * @param participants in channel order, as known at the end of the recording (after partial updates)
     */
    public record Siprec(String sessionId, String dialect, List<Participant> participants) {
        /** Null lists become empty. */
        public Siprec {
            participants = participants == null ? List.of() : List.copyOf(participants);
        }
    }

    /**
     * A SIPREC participant (RFC 7865 §6.7 nameID).
     *
     * @param name display name, absent when the metadata has none
     * @param aor  address of record
     */
    public record Participant(String name, String aor) {
    }

    /**
     * A link to another recording of the same file.
     *
     * @param recording index of the other recording in {@link ExpectedResult#recordings()}
     * @param reason    why they belong together, e.g. {@code same-near-end-device}
     */
    public record Related(int recording, String reason) {
    }

    /**
     * One offer of the recording to a recorder (SRS), RFC 3263 failover: same Call-ID, new Via branch.
     *
     * @param recorder        the recorder's SIP "ip:port"
     * @param callId          Call-ID of the INVITE sent there
     * @param invites         INVITE frames sent there (first transmission + retransmissions)
     * @param answered        whether that recorder answered 200 OK
     * @param icmpUnreachable ICMP port unreachable messages the capture holds for it
     */
    public record Attempt(String recorder, String callId, int invites, boolean answered, int icmpUnreachable) {
    }

    /**
     * The recorder first offered the recording, as recording.json's {@code primaryRecorder} must report it, plus
     * what the capture's maker knows and a recorder can only infer: when the recorder process was killed.
     *
     * @param address         the recorder's SIP "ip:port"
     * @param failed          whether it failed
     * @param evidence        the evidence recording.json must list, e.g. {@code icmp-port-unreachable}; empty when
     *                        it did not fail
     * @param killedAt        wall clock (CLOCK_REALTIME, the clock of the capture's timestamps) at which the
     *                        recorder process was sent SIGKILL, ISO-8601 with nanoseconds; absent when not killed
     * @param firstIcmp       capture time of the first ICMP port unreachable from the recorder's host; absent when
     *                        none
     * @param icmpUnreachable ICMP port unreachable frames from the recorder's host in the capture
     * @param icmpUnreachableMedia of those, the ones quoting an RTP packet (to the recorder's media ports); the
     *                     others quote a SIP request (a BYE to the dead recorder)
     */
    public record PrimaryRecorder(String address, boolean failed, List<String> evidence, String killedAt,
                                  String firstIcmp, int icmpUnreachable, int icmpUnreachableMedia) {
        /** Null lists become empty. */
        public PrimaryRecorder {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        /** @return {@link #killedAt()} parsed, null when absent */
        public Instant killedInstant() {
            return killedAt == null ? null : Instant.parse(killedAt);
        }

        /** @return {@link #firstIcmp()} parsed, null when absent */
        public Instant firstIcmpInstant() {
            return firstIcmp == null ? null : Instant.parse(firstIcmp);
        }
    }

    /**
     * One RTP stream (RFC 3550 §6.4.1 counting: packets exclude duplicates, lost = dropped).
     *
     * @param ssrc           "0x" + 8 upper-case hex digits
     * @param src            sender "ip:port" ("[v6]:port")
     * @param dst            receiver "ip:port"
     * @param codec          e.g. PCMU
     * @param payloadType    RTP payload type of the audio
     * @param packets        distinct packets received
     * @param lost           packets never captured
     * @param duplicates     extra copies captured
     * @param reordered      adjacent pairs swapped on the wire
     * @param firstSeq       sequence number of the first packet sent
     * @param firstTimestamp RTP timestamp of the first packet sent
     * @param firstSeen      capture time of the first packet (ISO-8601)
     * @param lastSeen       capture time of the last packet (ISO-8601)
     */
    public record Stream(String ssrc, String src, String dst, String codec, int payloadType, int packets, int lost,
                         int duplicates, int reordered, int firstSeq, long firstTimestamp, String firstSeen,
                         String lastSeen) {
        /** @return {@link #firstSeen()} parsed */
        public Instant firstSeenInstant() {
            return Instant.parse(firstSeen);
        }

        /** @return {@link #lastSeen()} parsed */
        public Instant lastSeenInstant() {
            return Instant.parse(lastSeen);
        }

        /** @return the SSRC as a number */
        public long ssrcValue() {
            return Long.parseLong(ssrc.substring(2), 16);
        }
    }

    /**
     * One RFC 4733 event.
     *
     * @param channel       channel whose stream carries it
     * @param digit         "0"-"9", "*", "#", "A"-"D"
     * @param event         RFC 4733 event code
     * @param offsetSeconds start relative to the stream's first packet (nominal)
     * @param durationMs    event duration
     * @param rtpTimestamp  RTP timestamp of the event
     */
    public record Dtmf(int channel, String digit, int event, double offsetSeconds, int durationMs,
                       long rtpTimestamp) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads an {@code expected.yaml}.
     *
     * @throws UncheckedIOException when the file cannot be read or does not match the schema
     */
    public static ExpectedResult load(Path file) {
        try {
            return YAML.readValue(file.toFile(), ExpectedResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** @return the only recording; fails when there is not exactly one */
    public Recording single() {
        if (recordings.size() != 1) {
            throw new IllegalStateException(recordings.size() + " recordings, expected one");
        }
        return recordings.get(0);
    }
}
