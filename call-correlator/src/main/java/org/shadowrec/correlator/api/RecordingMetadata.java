package org.shadowrec.correlator.api;

import java.util.List;

/**
 * The {@code recording.json} document (schema 1, see ARCHITECTURE.md "Output contract"). Null fields are absent from
 * the JSON, never invented. Times are ISO-8601 UTC strings with millisecond precision. Components are in JSON order.
 *
 * @param related ids of earlier recordings of the same call chain (a Cisco BiB hold/resume, transfer or conference
 *                makes a new pair of recording dialogs, each its own recording); null when none
 * @param bib Cisco Built-in-Bridge facts, only for kind {@code bib}
 * @param siprec SIPREC facts (RFC 7866), only for kind {@code siprec}
 * @param recorders every recorder the session was offered to, in order (failover: the SRC or CUCM offers it again
 *                  to the next recorder); only for kinds {@code bib} and {@code siprec}
 * @param gaps times while the recording was open when the sensor itself was not capturing (stopped or crashed, then
 *             restarted): the audio holds silence there, so the recording says how complete it is; null when none
 */
public record RecordingMetadata(int schema, String id, String kind, String start, String end,
                                double durationSeconds, String endReason, PrimaryRecorder primaryRecorder,
                                List<Channel> channels, Sip sip, List<String> related, Bib bib, Siprec siprec,
                                List<Recorder> recorders, List<Gap> gaps) {

    public static final int SCHEMA = 1;

    /** A plain SIP document (no related recordings, no BiB, SIPREC or recorder facts). */
    public RecordingMetadata(int schema, String id, String kind, String start, String end, double durationSeconds,
                             String endReason, PrimaryRecorder primaryRecorder, List<Channel> channels, Sip sip) {
        this(schema, id, kind, start, end, durationSeconds, endReason, primaryRecorder, channels, sip, null, null,
                null, null, null);
    }

    /** The same document under another id (everything else kept). */
    public RecordingMetadata withId(String newId) {
        return new RecordingMetadata(schema, newId, kind, start, end, durationSeconds, endReason, primaryRecorder,
                channels, sip, related, bib, siprec, recorders, gaps);
    }

    /**
     * Health of the active recorder the session was first offered to (kinds {@code bib}, {@code siprec}).
     *
     * @param address the recorder's SIP address {@code ip:port}
     * @param failed true when it did not take the session, or took it and then confirmed evidence showed it gone
     *               (rules in {@link RecorderHealthConfig} and {@code docs/correlator.md}, "Primary recorder health")
     * @param failedAt the first evidence of the earliest confirmed kind (for one that never took the session: else
     *                 its refusal, else the offer to the next recorder); null when not failed
     * @param evidence in the order first seen: {@code icmp-port-unreachable}, {@code icmp-host-unreachable},
     *                 {@code unanswered-retransmissions}, {@code options-unanswered}, {@code tcp-reset},
     *                 {@code tcp-unacknowledged}, {@code status-<code>}, {@code no-answer}
     */
    public record PrimaryRecorder(String address, boolean failed, String failedAt, List<String> evidence) {}

    /**
     * One audio channel and the party heard on it.
     *
     * @param label SIPREC: the {@code a=label} of the m-line recorded on it (RFC 4574); else null
     * @param mixed SIPREC: true when the stream is a mix of several participants (recorded as it is); else null
     */
    public record Channel(int index, Party party, List<Stream> streams, String label, Boolean mixed) {

        /** A channel without SIPREC facts. */
        public Channel(int index, Party party, List<Stream> streams) {
            this(index, party, streams, null, null);
        }
    }

    /** Who is heard on a channel. Any field may be null. */
    public record Party(String name, String aor, String number, String device) {}

    /** One RTP stream (5-tuple + SSRC) that fed a channel. */
    public record Stream(String ssrc, String src, String dst, String codec, boolean decoded, long packets, long lost,
                         long duplicates, long late, String firstSeen, String lastSeen, List<Dtmf> dtmf) {}

    /** One RFC 4733 event. */
    public record Dtmf(String digit, String at, int durationMillis) {}

    /** SIP facts of the session: Call-IDs of all its dialogs in order (BiB: both legs; failover: every attempt). */
    public record Sip(List<String> callIds, String invitedAt, String answeredAt, String endedAt) {}

    /**
     * Cisco Built-in-Bridge facts, from the From URI parameters of the two recording INVITEs CUCM sends.
     *
     * @param clusterId {@code x-nearendclusterid}
     * @param refci {@code x-refci}
     * @param farendRefci {@code x-farendrefci}
     */
    public record Bib(String clusterId, String refci, String farendRefci, BibEnd nearEnd, BibEnd farEnd) {}

    /**
     * One end of a BiB-recorded call.
     *
     * @param device {@code x-nearenddevice} / {@code x-farenddevice}
     * @param addr {@code x-nearendaddr} / {@code x-farendaddr} (the number)
     */
    public record BibEnd(String device, String addr) {}

    /**
     * SIPREC facts (RFC 7866, metadata RFC 7865 or a vendor dialect).
     *
     * @param sessionId the communication session id ({@code session_id}) from the metadata; null without metadata
     *                  (Cisco CUBE network-based recording: the recording id then derives from Call-ID and From tag)
     * @param dialect {@code rfc7865}, {@code acme}, {@code audiocodes}, {@code broadworks}, {@code cube-nbr}
     * @param participants every participant, partial updates merged by participant id
     * @param metadataXml every rs-metadata document received, as received, in order
     */
    public record Siprec(String sessionId, String dialect, List<SiprecParticipant> participants,
                         List<String> metadataXml) {}

    /**
     * One SIPREC participant (RFC 7865 §6.5).
     *
     * @param id {@code participant_id}
     * @param name display name, or null
     * @param aor address of record, or null
     * @param channels the channels whose stream this participant sends
     */
    public record SiprecParticipant(String id, String name, String aor, List<Integer> channels) {}

    /**
     * The offers of the session to one recorder (both legs of a BiB pair to the same recorder are one entry).
     *
     * @param address the recorder's SIP address {@code ip:port} (destination of the INVITEs)
     * @param callIds Call-IDs of the offers' dialogs
     * @param offeredAt capture time of the first INVITE to this recorder
     * @param invites transmissions of an offer's INVITE seen, the most of any offer (more than 1: retransmitted)
     * @param answered true when the recorder answered an offer with 2xx
     * @param status a final response status (a 2xx when answered), or null when none was seen
     * @param outcome {@code recording} (answered), {@code rejected} (final 3xx-6xx), {@code cancelled},
     *                {@code no-answer} (no final response before the next offer or the end)
     * @param icmpUnreachable ICMP destination/port unreachable messages seen for datagrams (SIP or RTP) sent to this
     *                        recorder
     */
    public record Recorder(String address, List<String> callIds, String offeredAt, int invites, boolean answered,
                           Integer status, String outcome, int icmpUnreachable) {}

    /**
     * A time the sensor was not capturing while the recording was open.
     *
     * @param from capture time of the last packet seen before the gap
     * @param to time capture started again
     * @param seconds length of the gap
     * @param cause {@code sensor-stopped} (a planned stop: SIGTERM, upgrade) or {@code sensor-crashed} (the sensor
     *              ended without stopping: kill -9, power loss)
     */
    public record Gap(String from, String to, double seconds, String cause) {
        /** A gap with its length rounded to milliseconds. */
        public static Gap of(String from, String to, double seconds, String cause) {
            return new Gap(from, to, Math.round(seconds * 1000.0) / 1000.0, cause);
        }
    }
}
