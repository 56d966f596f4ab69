package org.shadowrec.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.JournalPosition;
import org.shadowrec.storage.api.PacketJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain (unnamed) Chronicle tailer whose position is kept in a {@link CheckpointFile}. Chronicle's named tailers
 * persist their index too, but on every read; this reader must persist only when its owner says its state is
 * consistent ({@link #checkpoint()}), so it keeps the index itself.
 *
 * <p>A batch excerpt ({@link FrameLayout}) is copied out of the queue whole and its frames are delivered one per
 * {@link #next} from that copy; the position is then the excerpt's index plus the frames of it delivered, and that is
 * what a checkpoint stores, so a resume inside a batch continues at its next frame. A batch whose frame lengths do
 * not add up is counted as {@code excerpts-malformed} from the bad frame on (the frames before it are delivered).
 *
 * <p>The tailer is created and positioned on the first {@link #next}, on the reading thread (Chronicle confines a
 * tailer to one thread). One frame buffer is reused for every delivery; it grows only for an excerpt longer than any
 * before (at most a batch or {@link FrameLayout#MAX_FRAME_BYTES}).
 */
public final class JournalReader implements PacketJournal.Reader {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);
    private static final int INITIAL_BUFFER = 65_536;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChronicleQueue queue;
    private final CheckpointFile checkpointFile;
    private final Runnable onClose;
    private ExcerptTailer tailer;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    // The batch being delivered from buffer: frames in it, frames delivered, byte offset of the next frame, length.
    private int batchCount;
    private int batchNext;
    private int batchPos;
    private int batchLength;
    private long batchIndex;
    private long lastDelivered;
    private int lastDeliveredFrames;
    // Written by the reading thread, read by a retention pass on any thread.
    private volatile CheckpointFile.Position checkpointed;
    private volatile PacketJournal.ResumeOutcome outcome = PacketJournal.ResumeOutcome.NOT_YET;
    private final Runnable onCheckpoint;
    private boolean closed;
    /** System.nanoTime() of the first empty read in a row, 0 after a delivery. */
    private long emptySince;
    private static final long STUCK_NANOS = 1_000_000_000L;
    private final AtomicLong repositioned = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong checkpointNotFound = new AtomicLong();
    private final AtomicLong checkpointDeleted = new AtomicLong();

    public JournalReader(ChronicleQueue queue, CheckpointFile checkpointFile, Runnable onClose) throws IOException {
        this(queue, checkpointFile, onClose, () -> { });
    }

    /**
     * @param onCheckpoint run after each checkpoint stored (a retention pass), on the reading thread
     */
    public JournalReader(ChronicleQueue queue, CheckpointFile checkpointFile, Runnable onClose,
                         Runnable onCheckpoint) throws IOException {
        this.queue = queue;
        this.onCheckpoint = onCheckpoint;
        this.checkpointFile = checkpointFile;
        this.onClose = onClose;
        this.checkpointed = checkpointFile.loadPosition();
        this.lastDelivered = checkpointed.index();
        this.lastDeliveredFrames = checkpointed.frames();
    }

    @Override
    public boolean next(FrameHandler handler) {
        if (closed) {
            throw new IllegalStateException("reader closed");
        }
        ExcerptTailer t = tailer;
        if (t == null) {
            t = openTailer(checkpointed);
        }
        if (batchNext < batchCount && deliverFromBatch(handler)) {
            return true;
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
                    if (stuck()) {
                        t = reposition();
                        continue;
                    }
                    return false;
                }
                emptySince = 0;
                Bytes<?> bytes = dc.wire().bytes();
                long remaining = bytes.readRemaining();
                if (remaining >= FrameLayout.BATCH_HEADER_BYTES
                        && bytes.readLong(bytes.readPosition()) == FrameLayout.BATCH_MARKER) {
                    index = dc.index();
                    if (!loadBatch(bytes, remaining, 0)) {
                        malformed.lazySet(malformed.get() + 1);
                        continue;
                    }
                    batchIndex = index;
                    if (deliverFromBatch(handler)) {
                        return true;
                    }
                    continue;
                }
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
                ensureBuffer(len);
                bytes.read(buffer, 0, len);
            }
            lastDelivered = index;
            lastDeliveredFrames = CheckpointFile.WHOLE_EXCERPT;
            delivered.lazySet(delivered.get() + 1);
            handler.frame(index, captureNanos, sourceId, linkType, wireLength, buffer, 0, len);
            return true;
        }
    }

    private void ensureBuffer(int len) {
        if (len > buffer.length) {
            buffer = new byte[Math.max(len, Math.min(buffer.length * 2, FrameLayout.MAX_FRAME_BYTES))];
        }
    }

    /**
     * Copies a batch excerpt into the buffer and positions on its frame {@code skip}. False when its header is not a
     * usable batch (nothing delivered from it).
     */
    private boolean loadBatch(Bytes<?> bytes, long remaining, int skip) {
        long maxBatch = FrameLayout.BATCH_HEADER_BYTES + FrameLayout.BATCH_BYTES + FrameLayout.BATCH_FRAME_HEADER_BYTES;
        if (remaining > Math.max(maxBatch, FrameLayout.MAX_FRAME_BYTES)) {
            return false;
        }
        int len = (int) remaining;
        ensureBuffer(len);
        bytes.read(buffer, 0, len);
        int count = (int) INT.get(buffer, 8);
        if (count < 1 || count > FrameLayout.MAX_BATCH_FRAMES) {
            batchCount = 0;
            return false;
        }
        batchCount = count;
        batchNext = 0;
        batchPos = FrameLayout.BATCH_HEADER_BYTES;
        batchLength = len;
        while (batchNext < skip && batchNext < batchCount) {
            int frameLen = frameLength();
            if (frameLen < 0) {
                batchCount = 0;
                return false;
            }
            batchPos += FrameLayout.BATCH_FRAME_HEADER_BYTES + frameLen;
            batchNext++;
        }
        return true;
    }

    /** Length of the frame at batchPos, or -1 when it does not fit in the batch. */
    private int frameLength() {
        if (batchPos > batchLength - FrameLayout.BATCH_FRAME_HEADER_BYTES) {
            return -1;
        }
        int len = (int) INT.get(buffer, batchPos + 20);
        return len < 0 || len > batchLength - batchPos - FrameLayout.BATCH_FRAME_HEADER_BYTES ? -1 : len;
    }

    /** Delivers the next frame of the loaded batch; false (and the rest dropped, counted) when it is malformed. */
    private boolean deliverFromBatch(FrameHandler handler) {
        int len = frameLength();
        if (len < 0) {
            malformed.lazySet(malformed.get() + 1);
            batchCount = 0;
            batchNext = 0;
            return false;
        }
        int at = batchPos;
        batchPos = at + FrameLayout.BATCH_FRAME_HEADER_BYTES + len;
        batchNext++;
        lastDelivered = batchIndex;
        lastDeliveredFrames = batchNext == batchCount ? CheckpointFile.WHOLE_EXCERPT : batchNext;
        if (batchNext == batchCount) {
            batchCount = 0;
            batchNext = 0;
        }
        delivered.lazySet(delivered.get() + 1);
        byte[] b = buffer;
        handler.frame(batchIndex, (long) LONG.get(b, at), (int) INT.get(b, at + 8), (int) INT.get(b, at + 12),
                (int) INT.get(b, at + 16), b, at + FrameLayout.BATCH_FRAME_HEADER_BYTES, len);
        return true;
    }

    /**
     * True when this reader has found nothing for {@link #STUCK_NANOS} while the queue holds excerpts after the last
     * one delivered. Chronicle replaces a roll-cycle file whose header a killed process left half-written (after
     * its timeout it renames it {@code *.discard} and starts a new one); a tailer already on the old file would then
     * see nothing more, ever.
     */
    private boolean stuck() {
        long now = System.nanoTime();
        if (emptySince == 0) {
            emptySince = now;
            return false;
        }
        if (now - emptySince < STUCK_NANOS) {
            return false;
        }
        emptySince = now;
        long last = queue.lastIndex();
        return last >= 0 && (lastDelivered == CheckpointFile.NONE || last > lastDelivered);
    }

    /** A new tailer just after the last frame delivered (or at the start), counted as {@code reader-repositioned}. */
    private ExcerptTailer reposition() {
        repositioned.incrementAndGet();
        ExcerptTailer old = tailer;
        tailer = null;
        old.close();
        return openTailer(lastDelivered == CheckpointFile.NONE ? CheckpointFile.Position.START
                : new CheckpointFile.Position(lastDelivered, CheckpointFile.WHOLE_EXCERPT));
    }

    private ExcerptTailer openTailer(CheckpointFile.Position from) {
        queue.refreshDirectoryListing(); // cycle files may have been deleted since the queue listed them
        ExcerptTailer t = queue.createTailer();
        tailer = t;
        if (from.index() == CheckpointFile.NONE) {
            t.toStart();
            outcome = PacketJournal.ResumeOutcome.START;
            return t;
        }
        boolean resumed = false;
        if (from.frames() == 0) {
            // a restart point: the excerpt is read again from its first frame
            resumed = t.moveToIndex(from.index());
        } else if (t.moveToIndex(from.index())) {
            // Positioned on the excerpt of the last delivered frame: consume it so that the next read is the one
            // after it, keeping the frames of a batch not delivered yet.
            try (DocumentContext dc = t.readingDocument()) {
                resumed = dc.isPresent() && dc.index() == from.index();
                if (resumed && from.frames() != CheckpointFile.WHOLE_EXCERPT) {
                    Bytes<?> bytes = dc.wire().bytes();
                    long remaining = bytes.readRemaining();
                    batchIndex = from.index();
                    if (remaining >= FrameLayout.BATCH_HEADER_BYTES
                            && bytes.readLong(bytes.readPosition()) == FrameLayout.BATCH_MARKER
                            && !loadBatch(bytes, remaining, from.frames())) {
                        malformed.lazySet(malformed.get() + 1);
                    }
                }
            }
        }
        if (resumed) {
            outcome = PacketJournal.ResumeOutcome.CHECKPOINT;
        } else {
            // The checkpointed excerpt is gone (its cycle file removed, or another journal): start at the oldest
            // frame still held rather than skip frames, and count it.
            t.toStart();
            long first = queue.firstIndex();
            if (first != Long.MAX_VALUE && from.index() < first) {
                checkpointDeleted.lazySet(checkpointDeleted.get() + 1);
                outcome = PacketJournal.ResumeOutcome.CHECKPOINT_DELETED;
                LOG.warn("journal reader {}: checkpoint {} is older than the first retained frame {} (its cycle file "
                                + "was deleted); resuming there: the frames in between are lost",
                        readerName(), Long.toHexString(from.index()),
                        Long.toHexString(first));
            } else {
                checkpointNotFound.lazySet(checkpointNotFound.get() + 1);
                outcome = PacketJournal.ResumeOutcome.CHECKPOINT_NOT_FOUND;
                LOG.warn("journal reader {}: checkpoint {} is not in this journal; resuming at its first frame",
                        readerName(), Long.toHexString(from.index()));
            }
            lastDelivered = CheckpointFile.NONE;
            lastDeliveredFrames = CheckpointFile.WHOLE_EXCERPT;
        }
        return t;
    }

    @Override
    public void checkpoint() {
        if (lastDelivered == checkpointed.index() && lastDeliveredFrames == checkpointed.frames()) {
            return;
        }
        store(position());
    }

    /** The position stored by the last checkpoint (or loaded at open). Any thread. */
    public CheckpointFile.Position checkpointedPosition() {
        return checkpointed;
    }

    private String readerName() {
        String file = checkpointFile.path().getFileName().toString();
        return file.substring(0, file.length() - CheckpointFile.SUFFIX.length());
    }

    @Override
    public PacketJournal.ResumeOutcome resumeOutcome() {
        return outcome;
    }

    @Override
    public JournalPosition position() {
        return lastDelivered == CheckpointFile.NONE ? JournalPosition.START
                : new JournalPosition(lastDelivered, lastDeliveredFrames);
    }

    @Override
    public JournalPosition startOf(long index) {
        if (index < 0 || (lastDelivered != CheckpointFile.NONE && index > lastDelivered)) {
            throw new IllegalArgumentException("index " + index + " not delivered yet (last " + lastDelivered + ")");
        }
        return new JournalPosition(index, 0);
    }

    @Override
    public void store(JournalPosition position) {
        CheckpointFile.Position p = position.index() < 0 ? CheckpointFile.Position.START
                : new CheckpointFile.Position(position.index(), position.frames());
        try {
            checkpointFile.store(p);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + checkpointFile.path(), e);
        }
        checkpointed = p;
        onCheckpoint.run();
    }

    @Override
    public long lastDeliveredIndex() {
        return lastDelivered;
    }

    @Override
    public long checkpointedIndex() {
        return checkpointed.index();
    }

    public long delivered() {
        return delivered.get();
    }

    public long malformed() {
        return malformed.get();
    }

    /** Times the tailer was found stuck behind a replaced roll-cycle file and made anew. */
    public long repositioned() {
        return repositioned.get();
    }

    public long checkpointNotFound() {
        return checkpointNotFound.get();
    }

    public long checkpointDeleted() {
        return checkpointDeleted.get();
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
