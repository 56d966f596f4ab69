package org.shadowrec.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The position of one named journal reader: {@code <journal>/readers/<name>.checkpoint}, one line holding the
 * Chronicle index of the excerpt of the last frame delivered before the checkpoint, in decimal, then a space and how
 * many frames of that excerpt were delivered ({@link FrameLayout} batches). A line with the index alone (written
 * before batches existed) means the whole excerpt was delivered; 0 frames means none of it: reading resumes at its
 * first frame (a restart point set back to where an open call began). Written atomically (temp, fsync,
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

    /** Frames delivered of the checkpointed excerpt when the file does not say: all of them. */
    public static final int WHOLE_EXCERPT = Integer.MAX_VALUE;

    /**
     * A stored position.
     *
     * @param index Chronicle index of the excerpt, or {@link #NONE}
     * @param frames frames of that excerpt delivered (0.. its frame count), {@link #WHOLE_EXCERPT} for all
     */
    public record Position(long index, int frames) {
        public static final Position START = new Position(NONE, WHOLE_EXCERPT);
    }

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
        return loadPosition().index();
    }

    /** The stored position, or {@link Position#START}. A file that does not parse is reported as IOException. */
    public Position loadPosition() throws IOException {
        return load(file);
    }

    /** The position stored in a checkpoint file, or {@link Position#START} when it does not exist. */
    public static Position load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return Position.START;
        }
        try {
            int space = text.indexOf(' ');
            if (space < 0) {
                long index = Long.parseLong(text);
                return index == NONE ? Position.START : new Position(index, WHOLE_EXCERPT);
            }
            long index = Long.parseLong(text.substring(0, space));
            int frames = Integer.parseInt(text.substring(space + 1));
            if (frames < 0) {
                throw new NumberFormatException("frames " + frames);
            }
            return index == NONE ? Position.START : new Position(index, frames);
        } catch (NumberFormatException e) {
            throw new IOException("corrupt checkpoint " + file, e);
        }
    }

    /** Stores {@code index} durably, as a whole excerpt delivered. */
    public synchronized void store(long index) throws IOException {
        AtomicFiles.write(file, temp, (index + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Stores a position durably: the index alone when the whole excerpt was delivered. Thread-safe (one temporary
     * file per checkpoint file, so stores are serialised).
     */
    public synchronized void store(Position position) throws IOException {
        String line = position.frames() == WHOLE_EXCERPT ? position.index() + "\n"
                : position.index() + " " + position.frames() + "\n";
        AtomicFiles.write(file, temp, line.getBytes(StandardCharsets.US_ASCII));
    }

    public Path path() {
        return file;
    }
}
