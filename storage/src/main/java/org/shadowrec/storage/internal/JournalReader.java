package org.shadowrec.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.PacketJournal;

/**
 * A plain (unnamed) Chronicle tailer whose position is kept in a {@link CheckpointFile}. Chronicle's named tailers
 * persist their index too, but on every read; this reader must persist only when its owner says its state is
 * consistent ({@link #checkpoint()}), so it keeps the index itself.
 *
 * <p>The tailer is created and positioned on the first {@link #next}, on the reading thread (Chronicle confines a
 * tailer to one thread). One frame buffer is reused for every delivery; it grows only for a frame longer than any
 * before (at most {@link FrameLayout#MAX_FRAME_BYTES}).
 */
public final class JournalReader implements PacketJournal.Reader {
    private static final int INITIAL_BUFFER = 65_536;

    private final ChronicleQueue queue;
    private final CheckpointFile checkpointFile;
    private final Runnable onClose;
    private ExcerptTailer tailer;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private long lastDelivered;
    private long checkpointed;
    private boolean closed;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong checkpointNotFound = new AtomicLong();

    public JournalReader(ChronicleQueue queue, CheckpointFile checkpointFile, Runnable onClose) throws IOException {
        this.queue = queue;
        this.checkpointFile = checkpointFile;
        this.onClose = onClose;
        this.checkpointed = checkpointFile.load();
        this.lastDelivered = checkpointed;
    }

    @Override
    public boolean next(FrameHandler handler) {
        if (closed) {
            throw new IllegalStateException("reader closed");
        }
        ExcerptTailer t = tailer;
        if (t == null) {
            t = openTailer();
        }
        while (true) {
            long index;
            long captureNanos;
            int sourceId;
            int linkType;
            int wireLength;
            int len;
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                Bytes<?> bytes = dc.wire().bytes();
                long remaining = bytes.readRemaining();
                if (remaining < FrameLayout.HEADER_BYTES
                        || remaining - FrameLayout.HEADER_BYTES > FrameLayout.MAX_FRAME_BYTES) {
                    malformed.lazySet(malformed.get() + 1);
                    continue;
                }
                index = dc.index();
                captureNanos = bytes.readLong();
                sourceId = bytes.readInt();
                linkType = bytes.readInt();
                wireLength = bytes.readInt();
                len = (int) (remaining - FrameLayout.HEADER_BYTES);
                if (len > buffer.length) {
                    buffer = new byte[Math.min(FrameLayout.MAX_FRAME_BYTES, Math.max(len, buffer.length * 2))];
                }
                bytes.read(buffer, 0, len);
            }
            lastDelivered = index;
            delivered.lazySet(delivered.get() + 1);
            handler.frame(index, captureNanos, sourceId, linkType, wireLength, buffer, 0, len);
            return true;
        }
    }

    private ExcerptTailer openTailer() {
        ExcerptTailer t = queue.createTailer();
        tailer = t;
        if (checkpointed == CheckpointFile.NONE) {
            t.toStart();
            return t;
        }
        boolean resumed = false;
        if (t.moveToIndex(checkpointed)) {
            // Positioned on the last delivered frame: consume it so that the next read is the one after it.
            try (DocumentContext dc = t.readingDocument()) {
                resumed = dc.isPresent() && dc.index() == checkpointed;
            }
        }
        if (!resumed) {
            // The checkpointed excerpt is gone (its cycle file removed, or another journal): start at the oldest
            // frame still held rather than skip frames, and count it.
            checkpointNotFound.lazySet(checkpointNotFound.get() + 1);
            t.toStart();
            lastDelivered = CheckpointFile.NONE;
        }
        return t;
    }

    @Override
    public void checkpoint() {
        if (lastDelivered == checkpointed) {
            return;
        }
        try {
            checkpointFile.store(lastDelivered);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + checkpointFile.path(), e);
        }
        checkpointed = lastDelivered;
    }

    @Override
    public long lastDeliveredIndex() {
        return lastDelivered;
    }

    @Override
    public long checkpointedIndex() {
        return checkpointed;
    }

    public long delivered() {
        return delivered.get();
    }

    public long malformed() {
        return malformed.get();
    }

    public long checkpointNotFound() {
        return checkpointNotFound.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ExcerptTailer t = tailer;
        tailer = null;
        if (t != null) {
            t.close();
        }
        onClose.run();
    }
}
