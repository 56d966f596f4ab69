package org.shadowrec.storage.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock of a journal directory ({@code shadowrec.lock}, an OS file lock held while the journal is open).
 * One process owns a journal: a second shadowrec on the same directory is refused instead of appending into it, and
 * the owner may repair what a killed predecessor left ({@link TornCycleFiles}) knowing that nobody else writes there.
 * The OS releases the lock when the process dies, however it dies.
 */
public final class JournalLock implements AutoCloseable {
    public static final String FILE = "shadowrec.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IOException when the lock file cannot be opened, or (with a message for the user) when another process,
     *         or another open journal of this process, holds the directory
     */
    public static JournalLock acquire(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            throw new IOException("packet journal " + directory + " is in use by another shadowrec (" + file
                    + " is locked); give each running shadowrec its own --journal / --out directory");
        }
        return new JournalLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
