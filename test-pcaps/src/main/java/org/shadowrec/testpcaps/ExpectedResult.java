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
     * One recording (one call).
     *
     * @param callId       Call-ID
     * @param fromTag      caller's From tag
     * @param toTag        callee's To tag
     * @param sipTransport UDP or TCP
     * @param inviteTime   capture time of the INVITE (ISO-8601)
     * @param byeTime      capture time of the BYE (ISO-8601)
     * @param endReason    e.g. {@code bye}
     * @param audioSeconds nominal RTP span per direction: packets sent × 20 ms
     * @param channels     0 = caller, 1 = callee
     * @param dtmf         RFC 4733 digits, empty when none
     */
    public record Recording(String callId, String fromTag, String toTag, String sipTransport, String inviteTime,
                            String byeTime, String endReason, double audioSeconds, List<Channel> channels,
                            List<Dtmf> dtmf) {
        /** Null lists become empty. */
        public Recording {
            channels = channels == null ? List.of() : List.copyOf(channels);
            dtmf = dtmf == null ? List.of() : List.copyOf(dtmf);
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
     * A party as recording.json names it.
     *
     * @param name   display name
     * @param number user part
     * @param aor    address of record
     */
    public record Party(String name, String number, String aor) {
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
