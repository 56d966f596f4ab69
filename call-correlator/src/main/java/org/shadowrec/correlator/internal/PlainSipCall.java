package org.shadowrec.correlator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.rtp.api.PayloadFormat;
import org.shadowrec.sip.api.SessionDescription;

/**
 * A plain SIP call: one dialog, channel 0 = caller (the INVITE's sender), channel 1 = callee. Each party's SDP says
 * where that party receives (RFC 3264 §5, §6), whether it came in an offer or an answer, an initial INVITE or a
 * re-INVITE, a 18x, a 200, an ACK (delayed offer), an UPDATE or a PRACK: audio sent to that endpoint is the other
 * party's, audio sent from it is its own. A hold with {@code c=0.0.0.0} changes nothing; {@code sendonly} and
 * {@code inactive} keep the endpoints.
 */
final class PlainSipCall implements SessionSignalling {
    private final Dialog dialog;
    private final RecordingSession session;
    private final long graceNanos;
    private final List<Map<Integer, PayloadFormat>> announced =
            new ArrayList<>(List.of(Map.of(), Map.of()));

    PlainSipCall(Dialog dialog, RecordingSession session, long graceNanos) {
        this.dialog = dialog;
        this.session = session;
        this.graceNanos = graceNanos;
    }

    static int channelOf(Side side) {
        return side == Side.CALLER ? 0 : 1;
    }

    @Override
    public void sdp(Dialog d, Side sender, SessionDescription sdp, long nanos) {
        SdpMedia media = SdpMedia.of(sdp);
        if (media == null) {
            return;
        }
        int own = channelOf(sender);
        int heard = channelOf(sender.other());
        announced.set(own, media.formats());
        // audio arriving at the sender uses the sender's payload type numbers (RFC 3264 §5.1), the other side's as
        // a fallback for types it did not list
        session.formats(heard, SdpMedia.preferring(announced.get(own), announced.get(heard)));
        session.formats(own, SdpMedia.preferring(announced.get(heard), announced.get(own)));
        session.bind(media.rtp(), media.rtcp(), heard, own);
    }

    @Override
    public void answered(Dialog d, long nanos) {
        if (Dialog.END_CANCEL.equals(session.endReason()) && d.endedAt() < 0) {
            session.cancelEnd();
        }
    }

    @Override
    public void ended(Dialog d, String reason, long nanos) {
        if (Dialog.END_BYE.equals(reason) && Dialog.END_BYE_UNANSWERED.equals(session.endReason())) {
            session.reviseEndReason(Dialog.END_BYE_UNANSWERED, Dialog.END_BYE);
        } else {
            session.endAfter(reason, saturatedAdd(nanos, graceNanos));
        }
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    @Override
    public String kind() {
        return "sip";
    }

    @Override
    public List<Dialog> dialogs() {
        return List.of(dialog);
    }

    @Override
    public RecordingMetadata.Party party(int channel) {
        return channel == 0 ? Parties.of(dialog.caller(), dialog.callerDevice())
                : Parties.of(dialog.callee(), dialog.calleeDevice());
    }

    @Override
    public RecordingMetadata.Sip sip() {
        return new RecordingMetadata.Sip(List.of(dialog.callId()), IsoTimes.format(dialog.invitedAt()),
                IsoTimes.formatOrNull(dialog.answeredAt()), IsoTimes.formatOrNull(dialog.endedAt()));
    }

    @Override
    public RecordingMetadata.PrimaryRecorder primaryRecorder() {
        return null;
    }
}
