package org.shadowrec.rtp.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The not-yet-written audio of one output channel: PCM16 samples indexed by absolute sample position, held in pages
 * of {@link #PAGE_SAMPLES} samples that exist only where audio was placed. {@link Timeline} guarantees that positions
 * are mixed only inside its window [ringStart, ringStart + capacity) and at or after the written point, and taken in
 * increasing order; a position never written reads as silence. Overlapping streams add with saturation.
 *
 * <p>Memory follows the audio actually buffered (about the reorder window per channel while a call is running), not
 * the window's capacity: a page is taken from the timeline's {@link PagePool} when the first sample is mixed into it
 * and given back when the last sample of it has been taken. The page table has one slot per page of capacity (plus
 * two for a window not aligned on pages, rounded up to a power of two); each slot remembers which page number it holds, so a page left behind by a
 * jump over final silence is recognised as stale (it only ever holds final audio) and reused.
 */
public final class ChannelBuffer {

    /** Samples per page (a power of two): 64 ms at 8 kHz. */
    public static final int PAGE_SAMPLES = 512;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_SAMPLES);
    private static final int PAGE_MASK = PAGE_SAMPLES - 1;

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final int capacity;
    private final PagePool pool;
    private final short[][] pages;
    /**
     * Per slot, side by side so that one cache line serves both: at {@code 2 * slot} the page number it holds
     * (-1 for none), at {@code 2 * slot + 1} its mixed end (samples of the page at and after it have not been mixed
     * since it was assigned: silent).
     */
    private final long[] meta;
    private final int slotMask;

    public ChannelBuffer(int capacity) {
        this(capacity, new PagePool());
    }

    /**
     * @param capacity samples of the timeline window (positions mixed are always inside one such window)
     * @param pool where pages come from and go back to (shared by the channels of one timeline)
     */
    public ChannelBuffer(int capacity, PagePool pool) {
        this.capacity = capacity;
        this.pool = pool;
        int needed = (capacity + PAGE_SAMPLES - 1) / PAGE_SAMPLES + 2;
        int slots = Integer.highestOneBit(needed) == needed ? needed : Integer.highestOneBit(needed) << 1;
        this.slotMask = slots - 1;
        this.pages = new short[slots][];
        this.meta = new long[2 * slots];
        for (int s = 0; s < slots; s++) {
            meta[2 * s] = -1L;
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Pages held now (for memory accounting). */
    public int pagesHeld() {
        int n = 0;
        for (short[] p : pages) {
            if (p != null) {
                n++;
            }
        }
        return n;
    }

    private int slot(long page) {
        return (int) page & slotMask;
    }

    /** The slot holding position page number {@code page}, given a silent page when absent or stale. */
    private int slotForWrite(long page) {
        int s = slot(page);
        short[] p = pages[s];
        if (p != null && meta[2 * s] == page) {
            return s;
        }
        if (p == null) {
            pages[s] = pool.take();
        } else {
            Arrays.fill(p, 0, (int) meta[2 * s + 1], (short) 0); // stale: it held final audio only
        }
        meta[2 * s] = page;
        meta[2 * s + 1] = 0;
        return s;
    }

    /**
     * Expands a G.711 payload into the channel from {@code pos}. When the payload clock differs from the output rate
     * the nearest earlier input sample is taken (sample-and-hold).
     */
    public void mixG711(long pos, short[] table, byte[] buf, int off, int len, int clockRate, int outRate) {
        int count = clockRate == outRate ? len : (int) ((long) len * outRate / clockRate);
        int k = 0;
        long p = pos;
        while (k < count) {
            int s = slotForWrite(p >>> PAGE_SHIFT);
            short[] page = pages[s];
            int i = (int) (p & PAGE_MASK);
            int n = Math.min(count - k, PAGE_SAMPLES - i);
            int end = (int) meta[2 * s + 1];
            if (i + n > end) {
                meta[2 * s + 1] = i + n;
            }
            if (clockRate != outRate) {
                for (int j = 0; j < n; j++) {
                    int in = (int) ((long) (k + j) * clockRate / outRate);
                    page[i + j] = saturate(page[i + j] + table[buf[off + in] & 0xFF]);
                }
            } else if (i >= end) {
                decodeRun(page, i, table, buf, off + k, n); // nothing mixed there yet: no sum needed
            } else {
                mixRun(page, i, table, buf, off + k, n);
            }
            k += n;
            p += n;
        }
    }

    private static void mixRun(short[] page, int at, short[] table, byte[] buf, int from, int n) {
        for (int j = 0; j < n; j++) {
            page[at + j] = saturate(page[at + j] + table[buf[from + j] & 0xFF]);
        }
    }

    private static void decodeRun(short[] page, int at, short[] table, byte[] buf, int from, int n) {
        for (int j = 0; j < n; j++) {
            page[at + j] = table[buf[from + j] & 0xFF];
        }
    }

    private static short saturate(int sum) {
        return (short) (sum > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(sum, Short.MIN_VALUE));
    }

    /** Empties slot {@code s} and returns its (silent) page to the pool. */
    private void release(int s, short[] page) {
        pages[s] = null;
        meta[2 * s] = -1L;
        meta[2 * s + 1] = 0;
        pool.give(page);
    }

    /**
     * Moves {@code frames} samples from {@code pos} into {@code out} at {@code outOff}, {@code stride} apart
     * (one channel of an interleaved block), clearing them while they are in cache. A page whose last sample is
     * taken goes back to the pool silent: its samples before the first one taken were never mixed (they were before
     * the written point, or final silence the timeline jumped over), the others were cleared here.
     */
    public void take(long pos, int frames, short[] out, int outOff, int stride) {
        int f = 0;
        long p = pos;
        int o = outOff;
        while (f < frames) {
            long page = p >>> PAGE_SHIFT;
            int i = (int) (p & PAGE_MASK);
            int n = Math.min(frames - f, PAGE_SAMPLES - i);
            int s = slot(page);
            short[] src = pages[s];
            boolean held = src != null && meta[2 * s] == page;
            if (held) {
                for (int j = 0; j < n; j++, o += stride) {
                    out[o] = src[i + j];
                    src[i + j] = 0;
                }
                if (i + n == PAGE_SAMPLES) {
                    release(s, src);
                }
            } else {
                for (int j = 0; j < n; j++, o += stride) {
                    out[o] = 0;
                }
            }
            f += n;
            p += n;
        }
    }

    /**
     * Like {@link #take}, but writes each sample as two little-endian bytes into {@code out} from byte
     * {@code outOff}, {@code strideBytes} apart, so the samples are touched once on their way to the sink.
     */
    public void takeLittleEndian(long pos, int frames, byte[] out, int outOff, int strideBytes) {
        int f = 0;
        long p = pos;
        int o = outOff;
        while (f < frames) {
            long page = p >>> PAGE_SHIFT;
            int i = (int) (p & PAGE_MASK);
            int n = Math.min(frames - f, PAGE_SAMPLES - i);
            int s = slot(page);
            short[] src = pages[s];
            boolean held = src != null && meta[2 * s] == page;
            if (held) {
                int mixed = Math.max(0, Math.min(n, (int) meta[2 * s + 1] - i)); // beyond it the page is silent
                for (int j = 0; j < mixed; j++, o += strideBytes) {
                    SHORT_LE.set(out, o, src[i + j]);
                }
                Arrays.fill(src, i, i + mixed, (short) 0);
                for (int j = mixed; j < n; j++, o += strideBytes) {
                    SHORT_LE.set(out, o, (short) 0);
                }
                if (i + n == PAGE_SAMPLES) {
                    release(s, src);
                }
            } else {
                for (int j = 0; j < n; j++, o += strideBytes) {
                    SHORT_LE.set(out, o, (short) 0);
                }
            }
            f += n;
            p += n;
        }
    }

    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final short[] SILENT_PAGE = new short[PAGE_SAMPLES];

    /**
     * {@link #takeLittleEndian} for two channels of the same timeline at once, interleaved from byte 0 of {@code out}
     * (4 bytes per frame): one 32-bit store per frame. Positions past a page's mixed end are silent, so both pages
     * are read over the whole run without per-sample checks.
     */
    public static void takeStereoLittleEndian(ChannelBuffer left, ChannelBuffer right, long pos, int frames,
                                              byte[] out) {
        int f = 0;
        long p = pos;
        int o = 0;
        while (f < frames) {
            long page = p >>> PAGE_SHIFT;
            int i = (int) (p & PAGE_MASK);
            int n = Math.min(frames - f, PAGE_SAMPLES - i);
            short[] a = left.held(page);
            short[] b = right.held(page);
            short[] sa = a == null ? SILENT_PAGE : a;
            short[] sb = b == null ? SILENT_PAGE : b;
            for (int j = 0; j < n; j++, o += 4) {
                INT_LE.set(out, o, (sa[i + j] & 0xFFFF) | (sb[i + j] << 16));
            }
            if (a != null) {
                left.taken(page, i, n);
            }
            if (b != null) {
                right.taken(page, i, n);
            }
            f += n;
            p += n;
        }
    }

    /** The page of page number {@code page} when this channel holds it, else null. */
    private short[] held(long page) {
        int s = slot(page);
        short[] src = pages[s];
        return src != null && meta[2 * s] == page ? src : null;
    }

    /** Clears [i, i + n) of the held page {@code page} after it was read, and gives it back if that was its end. */
    private void taken(long page, int i, int n) {
        int s = slot(page);
        short[] src = pages[s];
        int mixed = Math.max(0, Math.min(n, (int) meta[2 * s + 1] - i));
        Arrays.fill(src, i, i + mixed, (short) 0);
        if (i + n == PAGE_SAMPLES) {
            release(s, src);
        }
    }

    /**
     * Spare pages of one timeline, so that a running call reuses the same few pages. Pages given back and handed out
     * are silent.
     * Confined to the processing thread like the timeline.
     */
    public static final class PagePool {
        private short[][] free = new short[8][];
        private int size;

        short[] take() {
            if (size == 0) {
                return new short[PAGE_SAMPLES];
            }
            short[] p = free[--size];
            free[size] = null;
            return p;
        }

        void give(short[] page) {
            if (size == free.length) {
                free = Arrays.copyOf(free, size * 2);
            }
            free[size++] = page;
        }

        /** Spare pages held now. */
        public int size() {
            return size;
        }
    }
}
