package org.shadowrec.rtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChannelBufferTest {

    private static final int PAGE = ChannelBuffer.PAGE_SAMPLES;

    /** 160 μ-law bytes whose decoded values are known from the table. */
    private static byte[] payload(int seed) {
        byte[] b = new byte[160];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    @Test
    void pages_exist_only_where_audio_waits_and_go_back_silent_when_taken() {
        ChannelBuffer.PagePool pool = new ChannelBuffer.PagePool();
        ChannelBuffer ch = new ChannelBuffer(84_000, pool);
        short[] table = G711.ulawTable();
        byte[] p = payload(1);
        long pos = 3L * PAGE - 50; // straddles a page boundary
        ch.mixG711(pos, table, p, 0, p.length, 8000, 8000);
        assertEquals(2, ch.pagesHeld());
        short[] out = new short[2 * 4 * PAGE];
        ch.take(2L * PAGE, 2 * PAGE, out, 1, 2); // the second of two interleaved channels
        for (int f = 0; f < 2 * PAGE; f++) {
            long at = 2L * PAGE + f;
            short want = at >= pos && at < pos + p.length ? table[p[(int) (at - pos)] & 0xFF] : 0;
            assertEquals(want, out[2 * f + 1], "frame " + at);
            assertEquals(0, out[2 * f], "other channel untouched");
        }
        assertEquals(0, ch.pagesHeld());
        assertEquals(2, pool.size());
        // reused pages start silent: mixing one payload gives exactly it
        ch.mixG711(10L * PAGE, table, p, 0, p.length, 8000, 8000);
        short[] again = new short[PAGE];
        ch.take(10L * PAGE, PAGE, again, 0, 1);
        for (int i = 0; i < PAGE; i++) {
            assertEquals(i < p.length ? table[p[i] & 0xFF] : 0, again[i]);
        }
    }

    @Test
    void little_endian_take_gives_the_same_samples_as_take_for_overlapping_and_reordered_audio() {
        short[] table = G711.ulawTable();
        ChannelBuffer a = new ChannelBuffer(84_000);
        ChannelBuffer b = new ChannelBuffer(84_000);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        // in order, then a packet mixed over audio already there, then one placed before (reordered), 8 and 16 kHz
        long[] at = {100, 260, 200, 40, 600, 470, 1500};
        int[] clocks = {8000, 8000, 8000, 8000, 16000, 8000, 8000};
        for (int k = 0; k < at.length; k++) {
            byte[] p = new byte[160];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) rnd.nextInt(256);
            }
            a.mixG711(at[k], table, p, 0, p.length, clocks[k], 8000);
            b.mixG711(at[k], table, p, 0, p.length, clocks[k], 8000);
        }
        int frames = 4 * PAGE;
        short[] want = new short[frames];
        byte[] got = new byte[2 + frames * 4]; // second of two channels, from byte 2
        a.take(0, 700, want, 0, 1);
        a.take(700, frames - 700, want, 700, 1);
        b.takeLittleEndian(0, 700, got, 4, 4);
        b.takeLittleEndian(700, frames - 700, got, 4 + 700 * 4, 4);
        int nonZero = 0;
        for (int f = 0; f < frames; f++) {
            short v = (short) ((got[4 + 4 * f] & 0xFF) | (got[5 + 4 * f] << 8));
            assertEquals(want[f], v, "frame " + f);
            assertEquals(0, got[2 + 4 * f], "other channel untouched");
            nonZero += v != 0 ? 1 : 0;
        }
        assertEquals(true, nonZero > 600, "audio was there: " + nonZero);
        assertEquals(0, b.pagesHeld());
        // pages went back silent: one payload mixed again reads back exactly
        byte[] p = payload(3);
        b.mixG711(9L * PAGE + 5, table, p, 0, p.length, 8000, 8000);
        byte[] again = new byte[2 * PAGE];
        b.takeLittleEndian(9L * PAGE, PAGE, again, 0, 2);
        for (int i = 0; i < PAGE; i++) {
            short v = (short) ((again[2 * i] & 0xFF) | (again[2 * i + 1] << 8));
            assertEquals(i >= 5 && i < 5 + p.length ? table[p[i - 5] & 0xFF] : 0, v, "sample " + i);
        }
    }

    @Test
    void stereo_take_interleaves_the_same_bytes_as_two_single_channel_takes() {
        short[] table = G711.ulawTable();
        ChannelBuffer.PagePool pool1 = new ChannelBuffer.PagePool();
        ChannelBuffer.PagePool pool2 = new ChannelBuffer.PagePool();
        ChannelBuffer[] one = {new ChannelBuffer(84_000, pool1), new ChannelBuffer(84_000, pool1)};
        ChannelBuffer[] two = {new ChannelBuffer(84_000, pool2), new ChannelBuffer(84_000, pool2)};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        // left: audio across pages 0..2 with overlaps; right: only page 1 (pages 0 and 2 absent on the right)
        long[] at = {30, 190, 120, 700, 1100, 1200};
        int[] ch = {0, 0, 0, 1, 0, 0};
        for (int k = 0; k < at.length; k++) {
            byte[] p = new byte[160];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) rnd.nextInt(256);
            }
            one[ch[k]].mixG711(at[k], table, p, 0, p.length, 8000, 8000);
            two[ch[k]].mixG711(at[k], table, p, 0, p.length, 8000, 8000);
        }
        int frames = 3 * PAGE;
        byte[] want = new byte[frames * 4];
        byte[] got = new byte[frames * 4];
        int[] cuts = {0, 300, 1000, frames};
        for (int c = 0; c + 1 < cuts.length; c++) {
            int n = cuts[c + 1] - cuts[c];
            byte[] part = new byte[n * 4];
            one[0].takeLittleEndian(cuts[c], n, want, cuts[c] * 4, 4);
            one[1].takeLittleEndian(cuts[c], n, want, cuts[c] * 4 + 2, 4);
            ChannelBuffer.takeStereoLittleEndian(two[0], two[1], cuts[c], n, part);
            System.arraycopy(part, 0, got, cuts[c] * 4, part.length);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got);
        int nonZero = 0;
        for (byte x : got) {
            nonZero += x != 0 ? 1 : 0;
        }
        assertEquals(true, nonZero > 1000, "audio was there: " + nonZero);
        assertEquals(0, two[0].pagesHeld() + two[1].pagesHeld());
        assertEquals(pool1.size(), pool2.size());
        // pages went back silent
        byte[] p = payload(5);
        two[1].mixG711(7L * PAGE, table, p, 0, p.length, 8000, 8000);
        byte[] again = new byte[PAGE * 4];
        ChannelBuffer.takeStereoLittleEndian(two[0], two[1], 7L * PAGE, PAGE, again);
        for (int i = 0; i < PAGE; i++) {
            short l = (short) ((again[4 * i] & 0xFF) | (again[4 * i + 1] << 8));
            short r = (short) ((again[4 * i + 2] & 0xFF) | (again[4 * i + 3] << 8));
            assertEquals(0, l, "left " + i);
            assertEquals(i < p.length ? table[p[i] & 0xFF] : 0, r, "right " + i);
        }
    }

    @Test
    void overlapping_streams_saturate_and_a_stale_page_in_a_reused_slot_reads_as_silence() {
        ChannelBuffer ch = new ChannelBuffer(2 * PAGE);
        short[] table = G711.ulawTable();
        byte[] loud = new byte[160];
        java.util.Arrays.fill(loud, (byte) 0x00); // μ-law 0x00 = -32124
        ch.mixG711(0, table, loud, 0, loud.length, 8000, 8000);
        ch.mixG711(0, table, loud, 0, loud.length, 8000, 8000);
        short[] out = new short[160];
        ch.take(0, 160, out, 0, 1);
        assertEquals(Short.MIN_VALUE, out[0]);
        // Positions 160..PAGE of page 0 are never taken (a jump over final silence): the page stays in its slot.
        long far = 0;
        int slots = 0;
        for (long page = 1; page < 64; page++) {
            ChannelBuffer probe = new ChannelBuffer(2 * PAGE);
            probe.mixG711(0, table, loud, 0, 1, 8000, 8000);
            probe.mixG711(page * PAGE, table, loud, 0, 1, 8000, 8000);
            if (probe.pagesHeld() == 1) { // same slot as page 0
                far = page * PAGE;
                slots = (int) page;
                break;
            }
        }
        assertEquals(true, slots > 0, "some page shares page 0's slot");
        byte[] p = payload(3);
        ch.mixG711(far + 100, table, p, 0, p.length, 8000, 8000);
        short[] later = new short[PAGE];
        ch.take(far, PAGE, later, 0, 1);
        for (int i = 0; i < PAGE; i++) {
            short want = i >= 100 && i < 100 + p.length ? table[p[i - 100] & 0xFF] : 0;
            assertEquals(want, later[i], "sample " + i + " of the reused slot");
        }
    }

    @Test
    void resampled_payload_holds_each_input_sample() {
        ChannelBuffer ch = new ChannelBuffer(4 * PAGE);
        short[] table = G711.alawTable();
        byte[] p = payload(5);
        ch.mixG711(PAGE - 7, table, p, 0, 80, 8000, 16000); // 80 input samples → 160 output samples
        short[] out = new short[160];
        ch.take(PAGE - 7, 160, out, 0, 1);
        for (int k = 0; k < 160; k++) {
            assertEquals(table[p[k / 2] & 0xFF], out[k], "output " + k);
        }
    }
}
