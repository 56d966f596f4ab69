package org.shadowrec.capture.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-only memory map of a file of any size, one window at a time: a {@link MappedByteBuffer} is indexed by
 * {@code int}, so files over 2 GiB are mapped in windows and a record that straddles a window end makes the window
 * move to start at that record. Callers ask for {@code [pos, pos + len)} with {@link #at} and index the returned
 * buffer with {@link #index}. Not thread-safe: confined to the capture thread.
 */
final class MappedWindow {
    /** Default window: large enough that remapping is rare, small enough for any address space. */
    static final int DEFAULT_WINDOW = 256 << 20;

    private final FileChannel channel;
    private final long size;
    private final int windowSize;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private ByteBuffer buf;
    private long base;
    private long end;

    MappedWindow(FileChannel channel, long size, int windowSize) {
        this.channel = channel;
        this.size = size;
        this.windowSize = windowSize;
    }

    long size() {
        return size;
    }

    /** Sets the byte order of multi-byte reads, for this window and the next ones (pcapng: per section). */
    void order(ByteOrder newOrder) {
        order = newOrder;
        if (buf != null) {
            buf.order(newOrder);
        }
    }

    ByteOrder order() {
        return order;
    }

    /**
     * Returns a buffer holding {@code [pos, pos + len)}; the caller has checked that the range lies within the file.
     */
    ByteBuffer at(long pos, int len) throws IOException {
        if (pos < base || pos + len > end || buf == null) {
            remap(pos, len);
        }
        return buf;
    }

    /** Index of file position {@code pos} in the buffer last returned by {@link #at}. */
    int index(long pos) {
        return (int) (pos - base);
    }

    private void remap(long pos, int len) throws IOException {
        long length = Math.min(Math.max(windowSize, len), size - pos);
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, pos, length);
        mapped.order(order);
        buf = mapped;
        base = pos;
        end = pos + length;
    }
}
