package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.testing.CapturingSink;

class TimelineTest {

    static final long T0 = 5_000_000_000L;

    /** 1 channel, 8 kHz, 500 ms window, 1000 ms lead: the ring holds 1.5 s = 12000 samples. */
    private final Timeline timeline = new Timeline(1, 8000, 500, 1000);

    @Test
    void arrival_is_measured_from_the_first_packet() {
        assertEquals(0, timeline.arrival(T0));
        assertEquals(T0, timeline.originNanos());
        assertEquals(8000, timeline.arrival(T0 + 1_000_000_000L));
        assertEquals(1, timeline.arrival(T0 + 125_000L));
        assertEquals(0, timeline.arrival(T0 + 124_999L));
        assertEquals(-1, timeline.arrival(T0 - 1), "captured before the origin: floor");
        assertEquals(8000L * 86_400 * 365, timeline.arrival(T0 + 365L * 86_400 * 1_000_000_000L), "no overflow");
    }

    @Test
    void late_and_too_far_ahead_around_the_window() throws IOException {
        timeline.arrival(T0);
        CapturingSink sink = new CapturingSink(1);
        assertEquals(Timeline.Reservation.OK, timeline.reserve(0, 160));
        timeline.placed(160);
        assertEquals(Timeline.Reservation.OK, timeline.reserve(11840, 160)); // exactly fills the ring
        assertEquals(Timeline.Reservation.TOO_FAR_AHEAD, timeline.reserve(11841, 160));
        timeline.placed(12000);
        timeline.advance(T0 + 520_000_000L, sink); // final up to 20 ms = 160 samples
        assertEquals(160, timeline.framesWritten());
        assertEquals(Timeline.Reservation.LATE, timeline.reserve(159, 160));
        assertEquals(Timeline.Reservation.OK, timeline.reserve(160, 160));
        assertEquals(Timeline.Reservation.OK, timeline.reserve(12000, 160)); // the ring moved on by 160
        assertEquals(Timeline.Reservation.TOO_FAR_AHEAD, timeline.reserve(12001, 160));
    }

    @Test
    void skips_final_silence_when_the_rings_are_empty() throws IOException {
        timeline.arrival(T0);
        CapturingSink sink = new CapturingSink(1);
        timeline.reserve(0, 160);
        timeline.placed(160);
        timeline.advance(T0 + 60_000_000_000L, sink); // a minute later: final up to 59.5 s
        assertEquals(160, timeline.framesWritten(), "silence after the data is held back");
        long pos = 60 * 8000;
        assertEquals(Timeline.Reservation.LATE, timeline.reserve(59 * 8000, 160));
        assertEquals(Timeline.Reservation.OK, timeline.reserve(pos, 160));
        timeline.placed(pos + 160);
        timeline.finish(sink);
        assertEquals(pos + 160, sink.frames());
        assertEquals(pos + 160, timeline.framesWritten());
    }
}
