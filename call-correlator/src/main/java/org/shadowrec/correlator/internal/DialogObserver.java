package org.shadowrec.correlator.internal;

import org.shadowrec.sip.api.SessionDescription;
import org.shadowrec.sip.api.SipMessage;

/** What a {@link Dialog} reports to the session it belongs to. Every method may be called again for retransmissions. */
interface DialogObserver {

    /** Every message of the dialog, before the dialog applies it (SIPREC reads its metadata parts here). */
    default void message(Dialog dialog, Side sender, SipMessage m, long nanos) {
    }

    /** {@code sender} announced where it receives media (an offer or an answer, RFC 3264). */
    void sdp(Dialog dialog, Side sender, SessionDescription sdp, long nanos);

    /** The initial INVITE was answered with a 2xx (first time only). */
    void answered(Dialog dialog, long nanos);

    /**
     * The dialog ended in signalling with {@code reason} ({@code bye-unanswered}, {@code cancel}, {@code failed}), or
     * a BYE that ended it was answered ({@code bye}). The recording completes after the BYE grace.
     */
    void ended(Dialog dialog, String reason, long nanos);
}
