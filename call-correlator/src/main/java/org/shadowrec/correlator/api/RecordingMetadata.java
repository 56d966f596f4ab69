package org.shadowrec.correlator.api;

import java.util.List;

/**
 * The {@code recording.json} document (schema 1, see ARCHITECTURE.md "Output contract"). Null fields are absent from
 * the JSON, never invented. Times are ISO-8601 UTC strings with millisecond precision.
 */
public record RecordingMetadata(int schema, String id, String kind, String start, String end,
                                double durationSeconds, String endReason, PrimaryRecorder primaryRecorder,
                                List<Channel> channels, Sip sip) {

    public static final int SCHEMA = 1;

    /** Health of the active recorder the session was set up with. */
    public record PrimaryRecorder(String address, boolean failed, String failedAt, List<String> evidence) {}

    /** One audio channel and the party heard on it. */
    public record Channel(int index, Party party, List<Stream> streams) {}

    /** Who is heard on a channel. Any field may be null. */
    public record Party(String name, String aor, String number, String device) {}

    /** One RTP stream (5-tuple + SSRC) that fed a channel. */
    public record Stream(String ssrc, String src, String dst, String codec, boolean decoded, long packets, long lost,
                         long duplicates, long late, String firstSeen, String lastSeen, List<Dtmf> dtmf) {}

    /** One RFC 4733 event. */
    public record Dtmf(String digit, String at, int durationMillis) {}

    /** SIP facts of the session. */
    public record Sip(List<String> callIds, String invitedAt, String answeredAt, String endedAt) {}
}
