package org.shadowrec.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The position of one named journal reader: {@code <journal>/readers/<name>.checkpoint}, one line holding the
 * Chronicle index of the last frame delivered before the checkpoint, in decimal. Written atomically (temp, fsync,
 * rename, directory fsync), so after any crash it holds either the previous or the new position.
 */
public final class CheckpointFile {
    /** Sub-directory of the journal directory holding reader checkpoints. */
    public static final String DIRECTORY = "readers";
    /** Suffix of a checkpoint file. */
    public static final String SUFFIX = ".checkpoint";
    /** Suffix of the temporary file a checkpoint is written to before the rename. */
    public static final String TEMP_SUFFIX = ".checkpoint.tmp";

    /** No checkpoint stored: read from the start of the journal. */
    public static final long NONE = -1L;

    private final Path file;
    private final Path temp;

    public CheckpointFile(Path journalDirectory, String readerName) throws IOException {
        SafeNames.require(readerName, "reader name");
        Path dir = journalDirectory.resolve(DIRECTORY);
        Files.createDirectories(dir);
        this.file = dir.resolve(readerName + SUFFIX);
        this.temp = dir.resolve(readerName + TEMP_SUFFIX);
    }

    /** The stored index, or {@link #NONE}. A file that does not parse is a corrupt disk: reported as IOException. */
    public long load() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return NONE;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("corrupt checkpoint " + file, e);
        }
    }

    /** Stores {@code index} durably. */
    public void store(long index) throws IOException {
        AtomicFiles.write(file, temp, (index + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public Path path() {
        return file;
    }
}
