package org.shadowrec.storage.internal;

import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.shadowrec.storage.api.PacketJournal;

/**
 * Appends frames in the {@link FrameLayout} as one Chronicle document each. The Chronicle appender is created on the
 * first append, so it belongs to the thread that appends (Chronicle checks that appenders stay on one thread). No
 * allocation per frame: the document context and its bytes are reused by Chronicle.
 */
public final class JournalAppender implements PacketJournal.Appender {
    private final ChronicleQueue queue;
    private ExcerptAppender appender;
    private boolean closed;
    // Single writer (the capture thread); read by counters() from any thread.
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();

    public JournalAppender(ChronicleQueue queue) {
        this.queue = queue;
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
        ExcerptAppender a = appender;
        if (a == null) {
            a = queue.createAppender();
            appender = a;
        }
        int stored = len;
        if (stored > FrameLayout.MAX_FRAME_BYTES) {
            stored = FrameLayout.MAX_FRAME_BYTES;
            truncated.lazySet(truncated.get() + 1);
        }
        try (DocumentContext dc = a.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(captureNanos);
            bytes.writeInt(sourceId);
            bytes.writeInt(linkType);
            bytes.writeInt(wireLength);
            bytes.write(buf, off, stored);
        }
        appended.lazySet(appended.get() + 1);
    }

    /** Index of the last frame this appender wrote, or -1. */
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

    @Override
    public void close() {
        closed = true;
        ExcerptAppender a = appender;
        appender = null;
        if (a != null) {
            a.close();
        }
    }
}
