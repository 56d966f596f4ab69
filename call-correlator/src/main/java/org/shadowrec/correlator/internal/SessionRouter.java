package org.shadowrec.correlator.internal;

import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.sip.api.SipMessage;

/**
 * The one place where a new INVITE becomes a recording session and its kind is decided. Today every INVITE is a
 * plain SIP call. SIPREC (RFC 7866: a multipart body with {@code application/rs-metadata+xml}) and Cisco BiB (From
 * URI parameters {@code x-nearend}/{@code x-farend}, where the second dialog of a pair joins the session of the
 * first) are recognised here when they are added.
 */
final class SessionRouter {

    enum Kind { SIP }

    private final CorrelatorConfig config;
    private final FlowTable table;

    SessionRouter(CorrelatorConfig config, FlowTable table) {
        this.config = config;
        this.table = table;
    }

    Kind classify(SipMessage invite) {
        return Kind.SIP;
    }

    /** A new session for an initial INVITE (no To tag, unknown dialog), with its dialog(s) wired. */
    RecordingSession open(SipMessage invite, long nanos) {
        return switch (classify(invite)) {
            case SIP -> plainSip(invite, nanos);
        };
    }

    private RecordingSession plainSip(SipMessage invite, long nanos) {
        Dialog dialog = new Dialog(invite, nanos);
        String id = RecordingIds.sip(nanos, dialog.callId(), dialog.fromTag());
        RecordingSession session = new RecordingSession(id, 2, config.mixer(), table, nanos);
        PlainSipCall call = new PlainSipCall(dialog, session, config.byeGrace().toNanos());
        dialog.observer(call);
        session.signalling(call);
        return session;
    }
}
