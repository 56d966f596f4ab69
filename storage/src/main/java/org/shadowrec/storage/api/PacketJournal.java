package org.shadowrec.storage.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The packet journal: raw frames with capture time, source id and link type, appended by the capture thread and
 * tailed by the processing thread. Backed by Chronicle Queue with an hourly roll cycle. The appender is confined to
 * one capture thread; each reader to one processing thread; open/close from any thread.
 */
public final class PacketJournal implements AutoCloseable {

    /** Appends frames. Not thread-safe: one per capture thread. */
    public interface Appender {
        void append(long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf, int off, int len);
    }

    /** Reads frames in order and remembers how far it got under its name. */
    public interface Reader extends AutoCloseable {
        /** Delivers the next frame if one is there; returns false when none is available now. */
        boolean next(FrameHandler handler);

        /** Persists the position after the last delivered frame, so a new reader of this name resumes there. */
        void checkpoint();

        @Override
        void close();
    }

    public static PacketJournal open(Path directory) throws IOException {
        throw new UnsupportedOperationException("TODO storage " + directory);
    }

    public Appender appender() {
        throw new UnsupportedOperationException("TODO storage");
    }

    /** A reader that resumes from the checkpoint stored under {@code name}, or from the start. */
    public Reader reader(String name) {
        throw new UnsupportedOperationException("TODO storage " + name);
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO storage");
    }
}
