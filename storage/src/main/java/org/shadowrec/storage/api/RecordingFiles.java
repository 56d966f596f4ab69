package org.shadowrec.storage.api;

import java.nio.file.Path;
import org.shadowrec.storage.internal.SafeNames;

/**
 * Names of everything the recording store puts in {@code OUT/<recording-id>/}. Every suffix used for an unfinished
 * or temporary file is a constant here, so recovery, replication and checks agree on them.
 *
 * <table>
 * <caption>Files of one recording</caption>
 * <tr><th>name</th><th>meaning</th></tr>
 * <tr><td>{@code audio.wav.partial}</td><td>audio being written; a valid WAV of the audio so far (header refreshed
 * periodically); after a crash, repaired by {@link RecordingStore#recover} and left under this name</td></tr>
 * <tr><td>{@code audio.wav}</td><td>final audio, fsynced before the rename from {@code .partial}</td></tr>
 * <tr><td>{@code recording.json.tmp}</td><td>metadata being written</td></tr>
 * <tr><td>{@code recording.json}</td><td>metadata; its presence means the recording is complete</td></tr>
 * </table>
 */
public final class RecordingFiles {
    /** Final audio file name. */
    public static final String AUDIO = "audio.wav";
    /** Final metadata file name; written last, so it marks a complete recording. */
    public static final String METADATA = "recording.json";
    /** Suffix of audio still being written. */
    public static final String PARTIAL_SUFFIX = ".partial";
    /** Suffix of a file written before its atomic rename to the final name. */
    public static final String TEMP_SUFFIX = ".tmp";
    /** Audio still being written ({@code audio.wav.partial}). */
    public static final String AUDIO_PARTIAL = AUDIO + PARTIAL_SUFFIX;
    /** Metadata before its rename ({@code recording.json.tmp}). */
    public static final String METADATA_TEMP = METADATA + TEMP_SUFFIX;
    /** Separator before the number of a duplicate id ({@code <id>-2}). */
    public static final String DUPLICATE_SEPARATOR = "-";

    private RecordingFiles() {
    }

    /**
     * True for a safe recording id: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}} (never {@code .} or {@code ..}, no
     * separator), so it is one path element that stays inside the output directory.
     */
    public static boolean isValidId(String id) {
        return SafeNames.isSafe(id);
    }

    /** Directory of recording {@code id} under {@code root}. */
    public static Path directory(Path root, String id) {
        return root.resolve(SafeNames.require(id, "recording id"));
    }
}
