package org.shadowrec.correlator.internal;

import java.util.List;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;

/**
 * The kind-specific half of a {@link RecordingSession}: it receives the events of the session's dialog(s), maps
 * parties to channels and binds their announced endpoints, and describes the parties for the metadata. Plain SIP
 * has one dialog and channels caller/callee ({@link PlainSipCall}); a Cisco BiB pair has two dialogs with one channel
 * each; a SIPREC session has one dialog whose labelled m-lines are the channels.
 */
interface SessionSignalling extends DialogObserver {

    /** {@code sip}, {@code bib} or {@code siprec}. */
    String kind();

    /** The dialogs of the session, first the one that created it. */
    List<Dialog> dialogs();

    /** Who is heard on {@code channel}. */
    RecordingMetadata.Party party(int channel);

    /** SIP facts for the metadata. */
    RecordingMetadata.Sip sip();

    /** The active recorder's health, or null when the session was not set up with one. */
    RecordingMetadata.PrimaryRecorder primaryRecorder();

    /**
     * True for sessions offered to a recorder (BiB, SIPREC): an initial INVITE of a known, unanswered dialog sent to
     * another recorder is a new offer (RFC 3263 failover keeps Call-ID and From tag, with a new Via branch).
     */
    default boolean offeredToRecorders() {
        return attempts() != null;
    }

    /** The offers to recorders (BiB, SIPREC), or null. */
    default RecorderAttempts attempts() {
        return null;
    }

    /**
     * The dialog (a live one first) whose recorder's latest SDP announces {@code e} as where it receives, or null:
     * an endpoint the recorder left after a media move (an ICMP error for packets still sent there is no evidence
     * against it), or a session without recorders.
     */
    default Dialog recorderDialogAt(Endpoint e) {
        return null;
    }

    /** Ids of earlier recordings of the same call chain, or null. */
    default List<String> related() {
        return null;
    }

    /** The {@code bib} block, or null. */
    default RecordingMetadata.Bib bib() {
        return null;
    }

    /** The {@code siprec} block, or null. */
    default RecordingMetadata.Siprec siprec() {
        return null;
    }

    /** The offers to recorders, or null when the session was not set up with a recorder. */
    default List<RecordingMetadata.Recorder> recorders() {
        return null;
    }

    /** The SDP label of the stream recorded on {@code channel}, or null. */
    default String label(int channel) {
        return null;
    }

    /** True when {@code channel} records a mix of several participants, null when not applicable. */
    default Boolean mixed(int channel) {
        return null;
    }
}
