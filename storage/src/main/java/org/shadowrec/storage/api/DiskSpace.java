package org.shadowrec.storage.api;

import java.io.IOException;
import java.nio.file.FileStore;

/**
 * How a {@link PacketJournal} learns the usable space of the filesystem it writes to: by default
 * {@link FileStore#getUsableSpace()} of the journal directory's store (one {@code statvfs}). Called on the capture
 * thread at each bound check, so it must be cheap and must not block on anything but the filesystem.
 */
@FunctionalInterface
public interface DiskSpace {
    /** Bytes this process may still write on the filesystem. */
    long usableBytes() throws IOException;

    /** The usable space of {@code store}. */
    static DiskSpace of(FileStore store) {
        return store::getUsableSpace;
    }
}
