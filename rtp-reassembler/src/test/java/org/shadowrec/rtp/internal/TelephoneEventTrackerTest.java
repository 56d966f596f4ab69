package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.rtp.api.DtmfEvent;
import org.shadowrec.rtp.testing.RtpPacket;

class TelephoneEventTrackerTest {

    private final TelephoneEventTracker tracker = new TelephoneEventTracker();
    private final RtpView view = new RtpView();

    private boolean feed(long nanos, long ts, int code, boolean end, int duration) {
        byte[] p = RtpPacket.rtp().pt(101).ts(ts)
                .payload(new byte[] {(byte) code, (byte) (end ? 0x8A : 0x0A), (byte) (duration >>> 8),
                    (byte) duration}).bytes();
        byte[] buf = RtpPacket.embed(p, 37, 4);
        assertEquals(RtpCheck.OK, view.wrap(buf, 37, p.length));
        return tracker.packet(nanos, ts, 8000, view);
    }

    @Test
    void end_packet_and_its_retransmissions_give_one_event() {
        feed(1000, 800, 1, false, 160);
        feed(2000, 800, 1, false, 320);
        feed(3000, 800, 1, true, 480);
        feed(4000, 800, 1, true, 480);
        feed(5000, 800, 1, true, 480);
        tracker.close();
        assertEquals(List.of(new DtmfEvent("1", 1000, 60)), tracker.events());
    }

    @Test
    void a_new_timestamp_closes_an_event_whose_end_was_lost() {
        feed(1000, 800, 7, false, 160);
        feed(2000, 800, 7, false, 400);
        feed(9000, 8800, 9, false, 160);
        feed(9500, 8800, 9, true, 800);
        assertEquals(List.of(new DtmfEvent("7", 1000, 50), new DtmfEvent("9", 9000, 100)), tracker.events());
    }

    @Test
    void a_straggler_of_an_earlier_event_is_ignored() {
        feed(1000, 800, 2, true, 400);
        feed(2000, 4800, 3, true, 400);
        feed(2500, 800, 2, true, 400); // late retransmission of the first event's end
        tracker.close();
        assertEquals(List.of("2", "3"), tracker.events().stream().map(DtmfEvent::digit).toList());
    }

    @Test
    void an_open_event_is_closed_once() {
        feed(1000, 800, 12, false, 160);
        tracker.close();
        tracker.close();
        assertEquals(List.of(new DtmfEvent("A", 1000, 20)), tracker.events());
    }

    @Test
    void timestamps_across_the_32_bit_wrap_are_newer() {
        feed(1000, 0xFFFFFF00L, 4, true, 160);
        feed(2000, 0x00000100L, 6, true, 160);
        assertEquals(List.of("4", "6"), tracker.events().stream().map(DtmfEvent::digit).toList());
    }

    @Test
    void payload_shorter_than_an_event_block_is_refused() {
        byte[] p = RtpPacket.rtp().pt(101).payload(new byte[] {1, 2, 3}).bytes();
        assertEquals(RtpCheck.OK, view.wrap(p, 0, p.length));
        assertFalse(tracker.packet(0, 0, 8000, view));
        assertTrue(tracker.events().isEmpty());
    }
}
