package org.shadowrec.rtp.internal;

import java.util.ArrayList;
import java.util.List;
import org.shadowrec.rtp.api.DtmfEvent;

/**
 * RFC 4733 telephone-events of one stream turned into {@link DtmfEvent}s. Payload (§2.3):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * All packets with the same RTP timestamp belong to one event (§2.5.1.1); the first packet with the E bit ends it and
 * its retransmissions (§2.5.1.4, up to three) are ignored, so each event is reported exactly once. An event whose
 * end never arrives is closed by a newer event or by {@link #close()}. Duration comes from the highest duration
 * field seen, converted with the payload's clock rate. Event codes 0-15 map to DTMF digits (§3.2, Table 7).
 */
public final class TelephoneEventTracker {

    private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B",
        "C", "D"};

    private final List<DtmfEvent> events = new ArrayList<>();
    private boolean open;
    private boolean seenAny;
    private long currentTs;
    private int currentEvent;
    private long startNanos;
    private int maxDuration;
    private int clockRate;

    /**
     * One telephone-event packet.
     *
     * @return false when the payload is shorter than the 4-byte event block (ignored)
     */
    public boolean packet(long captureNanos, long rtpTimestamp, int clockRate, RtpView view) {
        if (view.payloadLength() < 4) {
            return false;
        }
        int event = view.payloadByte(0);
        boolean end = (view.payloadByte(1) & 0x80) != 0;
        int duration = (view.payloadByte(2) << 8) | view.payloadByte(3);
        if (seenAny && rtpTimestamp == currentTs) {
            if (open) {
                maxDuration = Math.max(maxDuration, duration);
                if (end) {
                    emit();
                }
            }
            return true;
        }
        if (seenAny && (int) (rtpTimestamp - currentTs) < 0) {
            return true; // a straggler of an earlier event, already reported
        }
        if (open) {
            emit();
        }
        seenAny = true;
        open = true;
        currentTs = rtpTimestamp;
        currentEvent = event;
        startNanos = captureNanos;
        maxDuration = duration;
        this.clockRate = clockRate;
        if (end) {
            emit();
        }
        return true;
    }

    /** Closes an event whose end packet never came (end of stream). */
    public void close() {
        if (open) {
            emit();
        }
    }

    private void emit() {
        open = false;
        int millis = clockRate > 0 ? (int) (maxDuration * 1000L / clockRate) : 0;
        events.add(new DtmfEvent(digit(currentEvent), startNanos, millis));
    }

    /** RFC 4733 §3.2: 0-9, *, #, A-D for codes 0..15, "event-N" otherwise. */
    public static String digit(int event) {
        return event >= 0 && event < DIGITS.length ? DIGITS[event] : "event-" + event;
    }

    /** Events reported so far, oldest first (a copy). */
    public List<DtmfEvent> events() {
        return List.copyOf(events);
    }
}
