package org.shadowrec.rtp.internal;

import java.io.IOException;
import org.shadowrec.rtp.api.PcmSink;

/**
 * The recording's sample timeline, shared by all channels. Position 0 is the capture time of the first RTP packet
 * (the origin). Four marks, in samples, {@code written <= ringStart <= dataEnd}:
 * <ul>
 *   <li>{@code finalPos}: everything before it is final; a packet placed before it is late.</li>
 *   <li>{@code written}: frames handed to the sink.</li>
 *   <li>{@code ringStart}: the channel rings hold positions [ringStart, ringStart + capacity); the frames between
 *       {@code written} and {@code ringStart} are known silence that was skipped over without touching the rings.
 *   </li>
 *   <li>{@code dataEnd}: end of the last packet placed (its position + its samples).</li>
 * </ul>
 * {@link #advance} writes final frames, but only up to {@code dataEnd}: silence after the last packet is held back
 * until audio follows it, so a recording ends with its last packet. A packet that would end beyond
 * {@code ringStart + capacity} is refused as too far ahead (memory stays bounded; nothing is flushed early). The
 * channels hold pages only where audio is buffered ({@link ChannelBuffer}), so memory follows the audio waiting for
 * the reorder window, not the capacity.
 */
public final class Timeline {

    /** Outcome of {@link #reserve}. */
    public enum Reservation { OK, LATE, TOO_FAR_AHEAD }

    private static final int CHUNK_FRAMES = 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int rate;
    private final ChannelBuffer[] channels;
    private final int capacity;
    private final long reorderSamples;
    private final int chunkSamples;
    private short[] chunk;
    private byte[] chunkBytes;
    private final ChannelBuffer.PagePool pool;
    private long originNanos = -1;
    private long finalPos;
    private long written;
    private long ringStart;
    private long dataEnd;

    /**
     * @param channels output channels
     * @param rate output sample rate
     * @param reorderMillis how long after capture time audio stays open for late packets
     * @param leadMillis how far beyond that a packet may be placed
     */
    public Timeline(int channels, int rate, int reorderMillis, int leadMillis) {
        this.rate = rate;
        this.reorderSamples = (long) reorderMillis * rate / 1000;
        this.capacity = (int) Math.max(1, ((long) reorderMillis + leadMillis) * rate / 1000);
        this.channels = new ChannelBuffer[channels];
        ChannelBuffer.PagePool pool = new ChannelBuffer.PagePool();
        for (int c = 0; c < channels; c++) {
            this.channels[c] = new ChannelBuffer(capacity, pool);
        }
        this.pool = pool;
        this.chunkSamples = CHUNK_FRAMES * channels;
    }

    /** Arrival position of a packet captured at {@code nanos}; the first call sets the origin. */
    public long arrival(long nanos) {
        if (originNanos < 0) {
            originNanos = nanos;
        }
        return samplesSinceOrigin(nanos);
    }

    private long samplesSinceOrigin(long nanos) {
        long d = nanos - originNanos;
        return Math.floorDiv(d, NANOS_PER_SECOND) * rate + Math.floorMod(d, NANOS_PER_SECOND) * rate / NANOS_PER_SECOND;
    }

    /** Checks that [pos, pos + samples) may be written, moving the ring over known silence if needed. */
    public Reservation reserve(long pos, int samples) {
        if (pos < finalPos) {
            return Reservation.LATE;
        }
        long end = pos + samples;
        if (end > ringStart + capacity && dataEnd <= ringStart && finalPos > ringStart) {
            ringStart = finalPos; // rings hold no unwritten audio: skip the final silence in between
        }
        return end > ringStart + capacity ? Reservation.TOO_FAR_AHEAD : Reservation.OK;
    }

    /** Records that a reserved packet ends at {@code end}. */
    public void placed(long end) {
        if (end > dataEnd) {
            dataEnd = end;
        }
    }

    public ChannelBuffer channel(int c) {
        return channels[c];
    }

    public int sampleRate() {
        return rate;
    }

    /** Makes everything before {@code nowNanos − reorder window} final and writes it, up to the data end. */
    public void advance(long nowNanos, PcmSink sink) throws IOException {
        if (originNanos < 0) {
            return;
        }
        long target = samplesSinceOrigin(nowNanos) - reorderSamples;
        if (target > finalPos) {
            finalPos = target;
        }
        writeUpTo(Math.min(finalPos, dataEnd), sink);
    }

    /** Writes everything up to the data end and makes it final. */
    public void finish(PcmSink sink) throws IOException {
        writeUpTo(dataEnd, sink);
        if (dataEnd > finalPos) {
            finalPos = dataEnd;
        }
    }

    private void writeUpTo(long to, PcmSink sink) throws IOException {
        if (written >= to) {
            return;
        }
        if (sink.littleEndian()) {
            writeLittleEndianUpTo(to, sink);
            return;
        }
        if (chunk == null) {
            chunk = new short[chunkSamples];
        }
        int n = channels.length;
        while (written < to) {
            int frames = frames(to);
            if (written < ringStart) {
                java.util.Arrays.fill(chunk, 0, frames * n, (short) 0);
            } else {
                for (int c = 0; c < n; c++) {
                    channels[c].take(written, frames, chunk, c, n);
                }
            }
            sink.write(chunk, 0, frames);
            wrote(frames);
        }
    }

    /** As {@link #writeUpTo}, samples encoded straight from the pages into little-endian bytes. */
    private void writeLittleEndianUpTo(long to, PcmSink sink) throws IOException {
        if (chunkBytes == null) {
            chunkBytes = new byte[chunkSamples * 2];
        }
        int n = channels.length;
        while (written < to) {
            int frames = frames(to);
            if (written < ringStart) {
                java.util.Arrays.fill(chunkBytes, 0, frames * n * 2, (byte) 0);
            } else if (n == 2) {
                ChannelBuffer.takeStereoLittleEndian(channels[0], channels[1], written, frames, chunkBytes);
            } else {
                for (int c = 0; c < n; c++) {
                    channels[c].takeLittleEndian(written, frames, chunkBytes, 2 * c, 2 * n);
                }
            }
            sink.writeLittleEndian(chunkBytes, 0, frames, n);
            wrote(frames);
        }
    }

    /** Frames of the next chunk towards {@code to}: at most a chunk, and not across {@code ringStart}. */
    private int frames(long to) {
        int frames = (int) Math.min(CHUNK_FRAMES, to - written);
        if (written < ringStart) {
            frames = (int) Math.min(frames, ringStart - written);
        }
        return frames;
    }

    private void wrote(int frames) {
        written += frames;
        if (written > ringStart) {
            ringStart = written;
        }
    }

    public long originNanos() {
        return originNanos;
    }

    public long framesWritten() {
        return written;
    }

    /** Bytes of sample pages held by the channels and their spare pool, plus the write chunk (an estimate). */
    public long bufferedBytes() {
        long pages = pool.size();
        for (ChannelBuffer c : channels) {
            pages += c.pagesHeld();
        }
        return pages * ChannelBuffer.PAGE_SAMPLES * 2L + (chunk == null ? 0 : chunk.length * 2L)
                + (chunkBytes == null ? 0 : chunkBytes.length);
    }

    public long dataEnd() {
        return dataEnd;
    }
}
