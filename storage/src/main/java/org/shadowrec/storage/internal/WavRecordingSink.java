package org.shadowrec.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.storage.api.RecordingFiles;

/**
 * One recording being written: PCM16 little-endian into {@code audio.wav.partial} through a buffer. Every
 * {@code headerRefresh} of audio the buffer is written out and the RIFF and data sizes are rewritten, so the partial
 * file is always a valid WAV of the audio up to the last refresh (and its data chunk is never longer than the file).
 * {@link #complete} makes it final. Confined to the processing thread.
 */
public final class WavRecordingSink implements RecordingSink {
    private enum State { OPEN, COMPLETED, FAILED }

    private final String id;
    private final Path dir;
    private final int channels;
    private final int sampleRate;
    private final int blockAlign;
    private final long refreshFrames;
    private final long maxDataBytes;
    private final StoreCounters counters;
    private final Finisher finisher;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final ByteBuffer sizeField = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private long dataBytesFlushed;
    private long framesSinceRefresh;
    private State state = State.OPEN;

    /** Creates {@code audio.wav.partial} in {@code dir} (which must not hold one) with an empty-data header. */
    public WavRecordingSink(String id, Path dir, int channels, int sampleRate, long refreshFrames, int bufferBytes,
                            StoreCounters counters) throws IOException {
        this(id, dir, channels, sampleRate, refreshFrames, bufferBytes, counters, null);
    }

    /**
     * @param finisher where the durable part of completion runs (fsync, rename, metadata), or null to do it in
     *                 {@link #complete} on the calling thread
     */
    public WavRecordingSink(String id, Path dir, int channels, int sampleRate, long refreshFrames, int bufferBytes,
                            StoreCounters counters, Finisher finisher) throws IOException {
        this.finisher = finisher;
        this.id = id;
        this.dir = dir;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.blockAlign = channels * 2;
        this.refreshFrames = Math.max(1, refreshFrames);
        this.maxDataBytes = WavHeader.MAX_DATA_BYTES - WavHeader.MAX_DATA_BYTES % blockAlign;
        this.counters = counters;
        this.buffer = ByteBuffer.allocate(bufferBytes & ~1).order(ByteOrder.LITTLE_ENDIAN);
        this.channel = FileChannel.open(dir.resolve(RecordingFiles.AUDIO_PARTIAL), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            writeFully(WavHeader.of(channels, sampleRate, 0), 0);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The recording id actually used (the directory name; suffixed when the derived id was taken). */
    public String id() {
        return id;
    }

    /** PCM bytes accepted so far. */
    public long dataBytes() {
        return dataBytes;
    }

    @Override
    public void write(short[] interleaved, int frameOffset, int frames) throws IOException {
        if (frameOffset < 0 || frames < 0 || (long) (frameOffset + frames) * channels > interleaved.length) {
            throw new IndexOutOfBoundsException("frames " + frameOffset + "+" + frames + " of " + channels
                    + " channels in " + interleaved.length);
        }
        requireOpen();
        frames = withinSizeLimit(frames);
        try {
            int i = frameOffset * channels;
            int end = i + frames * channels;
            while (i < end) {
                if (!buffer.hasRemaining()) {
                    flushBuffer();
                }
                int n = Math.min(end - i, buffer.remaining() >> 1);
                byte[] b = buffer.array();
                int at = buffer.arrayOffset() + buffer.position();
                for (int k = 0; k < n; k++, at += 2) {
                    short v = interleaved[i++];
                    b[at] = (byte) v;
                    b[at + 1] = (byte) (v >> 8);
                }
                buffer.position(buffer.position() + 2 * n);
            }
            accepted(frames);
        } catch (IOException e) {
            fail();
            throw e;
        }
    }

    @Override
    public boolean littleEndian() {
        return true;
    }

    /** The bytes are already the WAV data layout: they are copied into the buffer as they are. */
    @Override
    public void writeLittleEndian(byte[] le, int byteOffset, int frames, int channels) throws IOException {
        if (channels != this.channels || byteOffset < 0 || frames < 0
                || byteOffset + (long) frames * blockAlign > le.length) {
            throw new IndexOutOfBoundsException("frames " + frames + " of " + channels + " channels from byte "
                    + byteOffset + " in " + le.length + " (recording has " + this.channels + " channels)");
        }
        requireOpen();
        frames = withinSizeLimit(frames);
        try {
            int i = byteOffset;
            int end = i + frames * blockAlign;
            while (i < end) {
                if (!buffer.hasRemaining()) {
                    flushBuffer();
                }
                int n = Math.min(end - i, buffer.remaining());
                buffer.put(le, i, n);
                i += n;
            }
            accepted(frames);
        } catch (IOException e) {
            fail();
            throw e;
        }
    }

    /** Frames that still fit the 32-bit RIFF size; the rest are counted and dropped. */
    private int withinSizeLimit(int frames) {
        long room = (maxDataBytes - dataBytes) / blockAlign;
        if (frames > room) {
            // A 32-bit RIFF cannot describe more; the correlator's max duration keeps real calls far below this.
            counters.sizeLimitFrames += frames - room;
            return (int) room;
        }
        return frames;
    }

    private void accepted(int frames) throws IOException {
        dataBytes += (long) frames * blockAlign;
        framesSinceRefresh += frames;
        if (framesSinceRefresh >= refreshFrames) {
            flushBuffer();
            writeSizes();
            framesSinceRefresh = 0;
        }
    }

    /** Writes the buffer out and rewrites the sizes: {@code audio.wav.partial} is then a valid WAV of all audio. */
    @Override
    public void flush() throws IOException {
        requireOpen();
        try {
            flushBuffer();
            writeSizes();
            framesSinceRefresh = 0;
        } catch (IOException e) {
            fail();
            throw e;
        }
    }

    @Override
    public void complete(RecordingMetadata metadata) throws IOException {
        if (metadata == null) {
            throw new NullPointerException("metadata");
        }
        requireOpen();
        try {
            flushBuffer();
            writeSizes();
        } catch (IOException e) {
            fail();
            throw e;
        }
        state = State.COMPLETED;
        RecordingMetadata doc = withId(metadata);
        if (finisher == null) {
            finish(doc);
            counters.completed++;
        } else {
            finisher.submit(id, () -> finish(doc));
        }
    }

    /** The durable part of completion: fsync, rename, metadata. On the finisher thread when there is one. */
    private void finish(RecordingMetadata doc) throws IOException {
        try {
            channel.force(true);
            channel.close();
            AtomicFiles.rename(dir.resolve(RecordingFiles.AUDIO_PARTIAL), dir.resolve(RecordingFiles.AUDIO));
            MetadataJson.write(dir, doc);
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                // already failing; the partial file stays for recovery
            }
            if (finisher == null) {
                counters.ioErrors++;
                state = State.FAILED;
            }
            throw e;
        }
    }

    /** The document names the directory it is in: the id actually used. */
    private RecordingMetadata withId(RecordingMetadata m) {
        if (id.equals(m.id())) {
            return m;
        }
        return m.withId(id);
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("recording " + id + " is " + state);
        }
    }

    private void fail() {
        counters.ioErrors++;
        state = State.FAILED;
        try {
            channel.close();
        } catch (IOException suppressed) {
            // already failing; the partial file stays for recovery
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        long position = WavHeader.BYTES + dataBytesFlushed;
        int n = buffer.remaining();
        writeFully(buffer, position);
        dataBytesFlushed += n;
        counters.bytesWritten += n;
        buffer.clear();
    }

    /** Rewrites both size fields to describe exactly the data now in the file. */
    private void writeSizes() throws IOException {
        sizeField.putInt(0, (int) (36 + dataBytesFlushed));
        writeFully(sizeField.clear(), WavHeader.RIFF_SIZE_OFFSET);
        sizeField.putInt(0, (int) dataBytesFlushed);
        writeFully(sizeField.clear(), WavHeader.DATA_SIZE_OFFSET);
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    @Override
    public String toString() {
        return "WavRecordingSink[" + id + ", " + channels + "ch, " + sampleRate + " Hz, " + dataBytes + " bytes]";
    }
}
