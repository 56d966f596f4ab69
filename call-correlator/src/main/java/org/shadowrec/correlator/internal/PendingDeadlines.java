package org.shadowrec.correlator.internal;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Deadlines of sessions that have no media yet: the end of the grace after BYE/CANCEL/failure, or the signalling
 * timeout after the last SIP message. A priority queue in (time, insertion) order, so a tick looks only at what is
 * due. Lazy: a deadline that moved later (more SIP arrived) is found stale when it comes up and is queued again; only
 * an earlier deadline is queued at once. A session that got media leaves the queue the same way.
 */
final class PendingDeadlines {

    private record Entry(long at, long seq, RecordingSession session) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final long signallingTimeoutNanos;
    private long seq;

    PendingDeadlines(long signallingTimeoutNanos) {
        this.signallingTimeoutNanos = signallingTimeoutNanos;
    }

    /** When a session without media is dropped, as things stand. */
    long deadlineOf(RecordingSession s) {
        return Math.min(s.endAtNanos(), PlainSipCall.saturatedAdd(s.lastSignalNanos(), signallingTimeoutNanos));
    }

    /** Queues the session's deadline when it is earlier than the one it has queued. */
    void schedule(RecordingSession s) {
        if (s.state() != RecordingSession.State.PENDING) {
            return;
        }
        long at = deadlineOf(s);
        if (at < s.queuedDeadline()) {
            s.queuedDeadline(at);
            queue.add(new Entry(at, seq++, s));
        }
    }

    /** Hands every session without media whose deadline is at or before {@code nanos} to {@code expired}. */
    void expire(long nanos, Consumer<RecordingSession> expired) {
        while (!queue.isEmpty() && queue.peek().at() <= nanos) {
            Entry e = queue.poll();
            RecordingSession s = e.session();
            if (s.state() != RecordingSession.State.PENDING || s.queuedDeadline() != e.at()) {
                continue;
            }
            s.queuedDeadline(Long.MAX_VALUE);
            if (deadlineOf(s) <= nanos) {
                expired.accept(s);
            } else {
                schedule(s);
            }
        }
    }

    void clear() {
        queue.clear();
    }
}
