package org.shadowrec.correlator.internal;

import java.util.List;
import org.shadowrec.correlator.api.RecorderHealthConfig;
import org.shadowrec.correlator.api.RecordingMetadata;

/**
 * What a Cisco BiB pair and a SIPREC session share: a session the phone system offers to recorders, one dialog per
 * offer (failover offers to the next recorder included), all kept in one {@link RecorderAttempts} that decides the
 * end rules, {@code recorders}, {@code primaryRecorder} and the {@code sip} block.
 */
abstract class RecorderOffers implements SessionSignalling {
    protected final RecordingSession session;
    protected final long graceNanos;
    protected final RecorderAttempts attempts;

    RecorderOffers(RecordingSession session, long graceNanos, RecorderHealthConfig health) {
        this.session = session;
        this.graceNanos = graceNanos;
        this.attempts = new RecorderAttempts(health);
    }

    /** A dialog offering this session to a recorder: listed as an offer and watched by this session. */
    final void offer(Dialog d) {
        attempts.add(d);
        d.observer(this);
        attempts.offered(session);
    }

    @Override
    public final void answered(Dialog d, long nanos) {
        if (d.endedAt() < 0) {
            attempts.offered(session);
        }
    }

    @Override
    public final void ended(Dialog d, String reason, long nanos) {
        attempts.ended(d, session, reason, nanos, graceNanos);
    }

    @Override
    public final RecorderAttempts attempts() {
        return attempts;
    }

    @Override
    public final List<Dialog> dialogs() {
        return attempts.dialogs();
    }

    @Override
    public final RecordingMetadata.Sip sip() {
        return attempts.sip();
    }

    @Override
    public final RecordingMetadata.PrimaryRecorder primaryRecorder() {
        return attempts.primary();
    }

    @Override
    public final List<RecordingMetadata.Recorder> recorders() {
        return attempts.recorders();
    }
}
