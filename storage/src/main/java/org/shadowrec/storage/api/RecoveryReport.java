package org.shadowrec.storage.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link RecordingStore#recover(Path)} found and did. Nothing is ever deleted: every unfinished recording is
 * listed here, repaired when possible, and left where it was.
 *
 * @param root the output directory scanned
 * @param entries one per unfinished recording found, in id order
 */
public record RecoveryReport(Path root, List<Entry> entries) {

    public RecoveryReport {
        entries = List.copyOf(entries);
    }

    /** What recovery concluded about one file. */
    public enum Status {
        /**
         * {@code audio.wav.partial} without {@code recording.json} (a crash mid-recording) whose header sizes were
         * rewritten from the file length and/or a trailing half frame cut off; it is now a valid WAV.
         */
        REPAIRED,
        /** {@code audio.wav.partial} without {@code recording.json} whose header already matched the file. */
        CONSISTENT,
        /** A partial file too short for a WAV header or whose header is not the PCM16 header we write: untouched. */
        UNREADABLE,
        /** {@code audio.wav} without {@code recording.json} (a crash between the audio and metadata renames). */
        AUDIO_WITHOUT_METADATA
    }

    /**
     * @param id recording id (the directory name)
     * @param file the file concerned
     * @param status what was found and done
     * @param fileBytes file length before recovery
     * @param dataBytes PCM data bytes the header now declares (-1 when unreadable)
     * @param bytesTruncated bytes cut off the end (a partial frame)
     */
    public record Entry(String id, Path file, Status status, long fileBytes, long dataBytes, long bytesTruncated) {}

    /** Entries with the given status. */
    public List<Entry> with(Status status) {
        return entries.stream().filter(e -> e.status() == status).toList();
    }
}
