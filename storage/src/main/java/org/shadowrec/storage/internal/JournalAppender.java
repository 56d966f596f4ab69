package org.shadowrec.storage.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.shadowrec.storage.api.PacketJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends frames in the {@link FrameLayout}: one Chronicle document per frame, or, when created with a batch size
 * above one, up to that many frames per document (a batch excerpt), which divides Chronicle's per-document cost
 * (header, index, thread checks) by the batch size. A batch is written when it is full, when its frame bytes pass
 * {@link FrameLayout#BATCH_BYTES}, on {@link #flush()} and on {@link #close()}; until then its frames are in this
 * appender only (not in the journal, not visible to readers). A batch of one frame is written as a single-frame
 * excerpt.
 *
 * <p>The Chronicle appender is created on the first write, so it belongs to the thread that appends (Chronicle checks
 * that appenders stay on one thread). No allocation per frame: the batch buffer is allocated once, the document
 * context and its bytes are reused by Chronicle.
 *
 * <p>Disk bounds ({@link JournalSpace}): before the first frame, then every {@link JournalSpace#CHECK_FRAMES} frames
 * or {@link JournalSpace#CHECK_BYTES} frame bytes, the appender reports its cycle and write position and learns
 * whether the journal is full; while it is, frames are dropped and counted ({@code frames-dropped-journal-full}),
 * nothing is written. Between checks the cost is a decrement, an add and a compare. A Chronicle write that throws
 * (an I/O error) loses its frames, counted {@code frames-dropped-journal-error} and logged at most every 10 s: the
 * capture thread never sees an exception from the journal.
 */
public final class JournalAppender implements PacketJournal.Appender {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChronicleQueue queue;
    private final int batchFrames;
    private final byte[] batch;
    private int batchLength;
    private int batchCount;
    private ExcerptAppender appender;
    private boolean closed;
    // Single writer (the capture thread); read by counters() from any thread.
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong droppedFull = new AtomicLong();
    private final AtomicLong droppedError = new AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(JournalAppender.class);
    private final JournalSpace space;
    private int untilCheck;
    private long bytesSinceCheck;
    private long droppedSinceCheck;
    private boolean dropping;
    private boolean written;
    private long lastErrorLogNanos;
    private long errorsSinceLog;

    public JournalAppender(ChronicleQueue queue) {
        this(queue, 1);
    }

    public JournalAppender(ChronicleQueue queue, int batchFrames) {
        this(queue, batchFrames, null);
    }

    /**
     * @param batchFrames frames per excerpt, 1..{@link FrameLayout#MAX_BATCH_FRAMES}; 1 writes every frame at once
     * @param space the journal's disk bounds, null for none
     */
    public JournalAppender(ChronicleQueue queue, int batchFrames, JournalSpace space) {
        if (batchFrames < 1 || batchFrames > FrameLayout.MAX_BATCH_FRAMES) {
            throw new IllegalArgumentException("batchFrames " + batchFrames);
        }
        this.queue = queue;
        this.batchFrames = batchFrames;
        this.batch = batchFrames == 1 ? null
                : new byte[FrameLayout.BATCH_HEADER_BYTES + FrameLayout.BATCH_BYTES
                        + FrameLayout.BATCH_FRAME_HEADER_BYTES];
        this.batchLength = FrameLayout.BATCH_HEADER_BYTES;
        this.space = space;
    }

    @Override
    public void append(long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf, int off,
                       int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("off " + off + " len " + len + " buf " + buf.length);
        }
        if (closed) {
            throw new IllegalStateException("appender closed");
        }
        int stored = len;
        if (stored > FrameLayout.MAX_FRAME_BYTES) {
            stored = FrameLayout.MAX_FRAME_BYTES;
            truncated.lazySet(truncated.get() + 1);
        }
        if (space != null) {
            bytesSinceCheck += stored;
            if (--untilCheck < 0 || bytesSinceCheck >= JournalSpace.CHECK_BYTES) {
                checkSpace();
            }
            if (dropping) {
                droppedSinceCheck++;
                droppedFull.lazySet(droppedFull.get() + 1);
                return;
            }
        }
        if (batch == null || stored > FrameLayout.BATCH_BYTES) {
            flush();
            writeSingle(captureNanos, sourceId, linkType, wireLength, buf, off, stored);
        } else {
            if (batchLength + FrameLayout.BATCH_FRAME_HEADER_BYTES + stored > batch.length) {
                flush();
            }
            byte[] b = batch;
            int at = batchLength;
            LONG.set(b, at, captureNanos);
            INT.set(b, at + 8, sourceId);
            INT.set(b, at + 12, linkType);
            INT.set(b, at + 16, wireLength);
            INT.set(b, at + 20, stored);
            System.arraycopy(buf, off, b, at + FrameLayout.BATCH_FRAME_HEADER_BYTES, stored);
            batchLength = at + FrameLayout.BATCH_FRAME_HEADER_BYTES + stored;
            if (++batchCount >= batchFrames || batchLength - FrameLayout.BATCH_HEADER_BYTES >= FrameLayout.BATCH_BYTES) {
                flush();
            }
        }
        appended.lazySet(appended.get() + 1);
    }

    private void checkSpace() {
        int cycle = -1;
        long position = 0;
        ExcerptAppender a = appender;
        if (a != null && written) {
            try {
                cycle = a.cycle();
                Wire w = a.wire();
                if (w != null) {
                    position = w.bytes().writePosition();
                }
            } catch (RuntimeException e) {
                cycle = -1;
            }
        }
        dropping = space.check(cycle, position, droppedSinceCheck, System.nanoTime());
        droppedSinceCheck = 0;
        bytesSinceCheck = 0;
        untilCheck = JournalSpace.CHECK_FRAMES;
    }

    /** A Chronicle write failed: its frames are lost; counted, logged at most every 10 s, never thrown. */
    private void writeFailed(RuntimeException e, int frames) {
        droppedError.lazySet(droppedError.get() + frames);
        errorsSinceLog += frames;
        long now = System.nanoTime();
        if (lastErrorLogNanos == 0 || now - lastErrorLogNanos >= JournalSpace.REMINDER_NANOS) {
            LOG.error("packet journal write failed, {} frame(s) lost since the last report: {}", errorsSinceLog,
                    e.toString());
            lastErrorLogNanos = now;
            errorsSinceLog = 0;
        }
    }

    /** Writes the open batch, if any, as one excerpt. */
    @Override
    public void flush() {
        int n = batchCount;
        if (n == 0) {
            return;
        }
        byte[] b = batch;
        if (n == 1) {
            int at = FrameLayout.BATCH_HEADER_BYTES;
            writeSingle((long) LONG.get(b, at), (int) INT.get(b, at + 8), (int) INT.get(b, at + 12),
                    (int) INT.get(b, at + 16), b, at + FrameLayout.BATCH_FRAME_HEADER_BYTES, (int) INT.get(b, at + 20));
        } else {
            LONG.set(b, 0, FrameLayout.BATCH_MARKER);
            INT.set(b, 8, n);
            try (DocumentContext dc = chronicle().writingDocument()) {
                dc.wire().bytes().write(b, 0, batchLength);
            } catch (RuntimeException e) {
                writeFailed(e, n);
            }
            written = true;
        }
        batchCount = 0;
        batchLength = FrameLayout.BATCH_HEADER_BYTES;
    }

    private void writeSingle(long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf, int off,
                             int stored) {
        try (DocumentContext dc = chronicle().writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(captureNanos);
            bytes.writeInt(sourceId);
            bytes.writeInt(linkType);
            bytes.writeInt(wireLength);
            bytes.write(buf, off, stored);
        } catch (RuntimeException e) {
            writeFailed(e, 1);
        }
        written = true;
    }

    private ExcerptAppender chronicle() {
        ExcerptAppender a = appender;
        if (a == null) {
            a = queue.createAppender();
            appender = a;
        }
        return a;
    }

    /** Index of the last excerpt this appender wrote, or -1 (frames of an unwritten batch have none yet). */
    public long lastIndexAppended() {
        ExcerptAppender a = appender;
        return a == null || appended.get() == 0 ? -1L : a.lastIndexAppended();
    }

    public long appended() {
        return appended.get();
    }

    public long truncated() {
        return truncated.get();
    }

    /** Frames dropped because the journal was full. */
    public long droppedFull() {
        return droppedFull.get();
    }

    /** Frames lost to a failed Chronicle write. */
    public long droppedError() {
        return droppedError.get();
    }

    /**
     * Writes the open batch, then releases the Chronicle appender. Call it from the appending thread, or after that
     * thread stopped (the Chronicle appender is then handed over to this thread).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (batchCount > 0 && appender != null) {
            appender.singleThreadedCheckReset();
        }
        flush();
        closed = true;
        ExcerptAppender a = appender;
        appender = null;
        if (a != null) {
            a.close();
        }
    }
}
