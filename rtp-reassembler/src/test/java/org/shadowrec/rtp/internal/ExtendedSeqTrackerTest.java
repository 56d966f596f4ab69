package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExtendedSeqTrackerTest {

    private final ExtendedSeqTracker t = new ExtendedSeqTracker();

    @Test
    void extends_across_the_wrap_without_loss() {
        assertEquals(SeqVerdict.FIRST, t.update(65534));
        long first = t.lastExtended();
        assertEquals(SeqVerdict.IN_ORDER, t.update(65535));
        assertEquals(SeqVerdict.IN_ORDER, t.update(0));
        assertEquals(first + 2, t.lastExtended());
        assertEquals(SeqVerdict.IN_ORDER, t.update(1));
        assertEquals(first + 3, t.highestExtended());
        assertEquals(4, t.received());
        assertEquals(4, t.expected());
        assertEquals(0, t.lost());
    }

    @Test
    void counts_gaps_as_loss_until_filled_by_reordered_packets() {
        t.update(10);
        t.update(11);
        t.update(14); // 12, 13 missing
        assertEquals(2, t.lost());
        assertEquals(SeqVerdict.REORDERED, t.update(12));
        assertEquals(1, t.lost());
        assertEquals(SeqVerdict.REORDERED, t.update(13));
        assertEquals(0, t.lost());
    }

    @Test
    void reordered_across_the_wrap_is_not_lost() {
        t.update(65533);
        t.update(65535);
        t.update(0);
        t.update(1);
        assertEquals(SeqVerdict.REORDERED, t.update(65534));
        assertEquals(0, t.lost());
        assertEquals(5, t.received());
    }

    @Test
    void a_packet_before_the_first_is_not_lost_either() {
        t.update(100);
        t.update(101);
        assertEquals(SeqVerdict.REORDERED, t.update(99));
        assertEquals(3, t.expected());
        assertEquals(0, t.lost());
    }

    @Test
    void duplicates_of_the_highest_and_of_older_packets() {
        t.update(1);
        t.update(2);
        t.update(3);
        assertEquals(SeqVerdict.DUPLICATE, t.update(3));
        assertEquals(SeqVerdict.DUPLICATE, t.update(1));
        assertEquals(3, t.received());
        assertEquals(0, t.lost());
    }

    @Test
    void duplicate_across_the_wrap() {
        t.update(65535);
        t.update(0);
        t.update(1);
        assertEquals(SeqVerdict.DUPLICATE, t.update(65535));
        assertEquals(SeqVerdict.DUPLICATE, t.update(0));
    }

    @Test
    void a_big_jump_confirmed_by_the_next_packet_is_a_restart() {
        for (int s = 0; s < 10; s++) {
            t.update(s);
        }
        assertEquals(SeqVerdict.JUMP, t.update(40000));
        assertEquals(SeqVerdict.RESTART, t.update(40001));
        assertEquals(SeqVerdict.IN_ORDER, t.update(40002));
        assertEquals(13, t.received());
        assertEquals(13, t.expected());
        assertEquals(0, t.lost());
        assertEquals(SeqVerdict.DUPLICATE, t.update(40000));
    }

    @Test
    void a_single_stray_packet_does_not_restart() {
        for (int s = 1000; s < 1010; s++) {
            t.update(s);
        }
        assertEquals(SeqVerdict.JUMP, t.update(500)); // 510 behind: beyond MAX_MISORDER
        assertEquals(SeqVerdict.IN_ORDER, t.update(1010));
        assertEquals(1010, t.highestExtended() & 0xFFFF);
        assertEquals(0, t.lost());
    }

    @Test
    void a_repeated_jump_packet_is_a_duplicate() {
        t.update(10);
        assertEquals(SeqVerdict.JUMP, t.update(20_000));
        assertEquals(SeqVerdict.DUPLICATE, t.update(20_000));
        assertEquals(SeqVerdict.RESTART, t.update(20_001));
        assertEquals(3, t.received());
        assertEquals(0, t.lost());
    }

    @Test
    void loss_at_the_dropout_limit_is_still_loss() {
        t.update(0);
        assertEquals(SeqVerdict.IN_ORDER, t.update(ExtendedSeqTracker.MAX_DROPOUT - 1));
        assertEquals(ExtendedSeqTracker.MAX_DROPOUT - 2, t.lost());
        assertEquals(SeqVerdict.JUMP, t.update(2 * ExtendedSeqTracker.MAX_DROPOUT + 5));
    }

    @Test
    void misorder_limit() {
        t.update(1000);
        assertEquals(SeqVerdict.REORDERED, t.update(1000 - ExtendedSeqTracker.MAX_MISORDER + 1));
        assertEquals(SeqVerdict.JUMP, t.update(1000 - ExtendedSeqTracker.MAX_MISORDER));
    }
}
