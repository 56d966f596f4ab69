package org.shadowrec.correlator.api;

import java.util.Map;
import org.shadowrec.sip.api.SipMessage;

/**
 * Entry point of the correlator: SIP messages, UDP payloads that may be media, and time in; recordings out through
 * the {@link RecordingListener}. Confined to the processing thread.
 */
public final class CallCorrelator {

    public CallCorrelator(CorrelatorConfig config, RecordingListener listener) {
        throw new UnsupportedOperationException("TODO call-correlator " + config + listener);
    }

    /** A decoded SIP message seen from {@code src} to {@code dst} at capture time {@code nanos}. */
    public void onSip(SipMessage message, Endpoint src, Endpoint dst, Transport transport, long nanos) {
        throw new UnsupportedOperationException("TODO call-correlator");
    }

    /**
     * A UDP payload that is not SIP. Returns true when it belongs to a known media flow (it was then consumed as
     * RTP, or counted as RTCP), false when no session expects it.
     */
    public boolean onUdp(Endpoint src, Endpoint dst, long nanos, byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("TODO call-correlator");
    }

    /** Capture time advanced to {@code nanos}: flush final audio, apply timeouts. Call at least once a second. */
    public void onTick(long nanos) {
        throw new UnsupportedOperationException("TODO call-correlator");
    }

    /** End of input: completes every open recording with the given end reason (e.g. {@code shutdown}). */
    public void finishAll(long nanos, String endReason) {
        throw new UnsupportedOperationException("TODO call-correlator");
    }

    /** Number of dialogs and recordings held now. */
    public int openSessions() {
        throw new UnsupportedOperationException("TODO call-correlator");
    }

    /** Counters by stable key (e.g. {@code calls}, {@code recordings-completed}, {@code media-unmatched}). */
    public Map<String, Long> counters() {
        throw new UnsupportedOperationException("TODO call-correlator");
    }
}
