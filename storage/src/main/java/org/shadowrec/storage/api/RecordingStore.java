package org.shadowrec.storage.api;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.storage.internal.CompletedRecordingSink;
import org.shadowrec.storage.internal.SafeNames;
import org.shadowrec.storage.internal.Finisher;
import org.shadowrec.storage.internal.StoreCounters;
import org.shadowrec.storage.internal.WavRecordingSink;
import org.shadowrec.storage.internal.WavRepair;

/**
 * Writes recordings under {@code root/<recording-id>/}: {@code audio.wav} (PCM16, written progressively as
 * {@code audio.wav.partial} with a valid header kept current, renamed when complete) and {@code recording.json}
 * (written to a temporary name and renamed). File names are in {@link RecordingFiles}. The id must match
 * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}; anything else is refused with {@link IllegalArgumentException}, so
 * packet content can never become a path (ids are derived, so a bad one is a programming bug). Confined to the
 * processing thread.
 *
 * <p><b>Ids already on disk (restart, replay again).</b> Ids are derived, so the same call seen again (processing
 * resumed from the packet journal after a crash or a restart, the same capture replayed into the same directory)
 * has the same id. {@code open} looks at {@code root/<id>/}:
 * <ul>
 * <li>holds {@code recording.json}: the recording is complete; it is never written again. The sink returned accepts
 * and discards the audio, and its completion is counted as {@code already-complete}.</li>
 * <li>holds only files of an unfinished recording ({@code audio.wav.partial}, {@code audio.wav},
 * {@code recording.json.tmp}): a recording interrupted by a crash or a stop, now being rebuilt from the journal.
 * Those files are replaced, and {@code rebuilt} is counted.</li>
 * <li>holds anything else: nothing is touched; the next free suffixed id is used, as below.</li>
 * </ul>
 * An id opened twice by this store (two recordings with the same derived id in one run) goes to the first free
 * {@code <id>-2}, {@code <id>-3}, ... and {@code duplicate-id} is counted; its {@code recording.json} carries the
 * suffixed id. Nothing complete on disk is ever overwritten.
 *
 * <p><b>Completion order.</b> (On the finisher thread when the store finishes in the background.) Flush, final header, fsync, rename {@code audio.wav.partial} to {@code audio.wav},
 * fsync the directory, then {@code recording.json} via {@code recording.json.tmp} (fsync, rename, fsync directory).
 * The presence of {@code recording.json} therefore means the audio is complete and durable.
 */
public final class RecordingStore implements RecordingListener, AutoCloseable {
    /** Suffix numbers tried for a duplicate id before giving up. */
    private static final int MAX_DUPLICATES = 10_000;

    private final Path root;
    private final RecordingStoreConfig config;
    private final StoreCounters counters = new StoreCounters();
    private final Finisher finisher;
    /** Ids whose directory this store claimed (or found complete): a second recording of one goes to a suffix. */
    private final Set<String> claimed = new HashSet<>();
    /** Files an interrupted recording leaves; replaced when it is rebuilt. */
    private static final Set<String> UNFINISHED = Set.of(RecordingFiles.AUDIO_PARTIAL, RecordingFiles.AUDIO,
            RecordingFiles.METADATA_TEMP);

    public RecordingStore(Path root) throws IOException {
        this(root, RecordingStoreConfig.defaults());
    }

    /** A store that finishes recordings (fsync, rename, metadata) in {@link RecordingSink#complete}. */
    public RecordingStore(Path root, RecordingStoreConfig config) throws IOException {
        this(root, config, false);
    }

    /**
     * @param background true: the durable part of completing a recording (fsync of the audio, rename, then
     *                   {@code recording.json}) runs on one I/O thread, in completion order, so that the processing
     *                   thread never waits for the disk; {@link #close()} waits for it. false: it runs inside
     *                   {@link RecordingSink#complete}.
     */
    public RecordingStore(Path root, RecordingStoreConfig config, boolean background) throws IOException {
        this.root = root;
        this.config = config;
        this.finisher = background ? new Finisher(4096) : null;
        Files.createDirectories(root);
    }

    /**
     * Starts a recording.
     *
     * @throws IllegalArgumentException for an unsafe id, channels outside 1..16 or a sample rate outside
     *         1..384 000 (programming bugs)
     * @throws IOException when the directory or file cannot be created (counted as {@code io-errors})
     */
    @Override
    public RecordingSink open(String id, int channels, int sampleRate) throws IOException {
        SafeNames.require(id, "recording id");
        if (channels < 1 || channels > 16 || sampleRate < 1 || sampleRate > 384_000) {
            throw new IllegalArgumentException("channels " + channels + " sampleRate " + sampleRate);
        }
        try {
            String actual = claimDirectory(id);
            if (actual == null) {
                return new CompletedRecordingSink(channels, counters);
            }
            long refreshFrames = config.headerRefresh().toMillis() * sampleRate / 1000;
            WavRecordingSink sink = new WavRecordingSink(actual, root.resolve(actual), channels, sampleRate,
                    refreshFrames, config.writeBufferBytes(), counters, finisher);
            counters.opened++;
            return sink;
        } catch (IOException e) {
            counters.ioErrors++;
            throw e;
        }
    }

    /**
     * Claims the directory of {@code id} (see the class comment) and returns the id used, or null when that
     * recording is already complete on disk.
     */
    private String claimDirectory(String id) throws IOException {
        for (int n = 1; n <= MAX_DUPLICATES; n++) {
            String candidate = n == 1 ? id : suffixed(id, n);
            if (claimed.contains(candidate)) {
                continue;
            }
            Path dir = root.resolve(candidate);
            boolean created = false;
            try {
                Files.createDirectory(dir);
                created = true;
            } catch (FileAlreadyExistsException e) {
                if (Files.exists(dir.resolve(RecordingFiles.METADATA))) {
                    claimed.add(candidate);
                    return null;
                }
                if (!onlyUnfinishedFiles(dir)) {
                    continue;
                }
            }
            if (!created && !isEmptyDirectory(dir)) {
                for (String f : UNFINISHED) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                counters.rebuilt++;
            }
            claimed.add(candidate);
            if (n > 1) {
                counters.duplicateIds++;
            }
            return candidate;
        }
        throw new IOException("no free directory for recording id " + id + " after " + MAX_DUPLICATES + " tries");
    }

    /** A directory holding nothing but (possibly) files of an unfinished recording. */
    private static boolean onlyUnfinishedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!UNFINISHED.contains(p.getFileName().toString())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String suffixed(String id, int n) {
        String suffix = RecordingFiles.DUPLICATE_SEPARATOR + n;
        int keep = Math.min(id.length(), SafeNames.MAX_LENGTH - suffix.length());
        return id.substring(0, keep) + suffix;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Recordings completed by this store (made durable, when finishing in the background). */
    public long completed() {
        return counters.completed + (finisher == null ? 0 : finisher.completed());
    }

    /**
     * Runs {@code action} once every recording completed so far is durable: on the finisher thread behind them
     * (background finishing), or now. For a journal checkpoint: storing it before the recordings completed before it
     * are on disk would lose them in a crash (a restart would not rebuild them). A failure is logged and counted as
     * {@code io-errors}.
     */
    public void whenDurable(String what, Runnable action) {
        if (finisher != null) {
            finisher.after(what, action::run);
        } else {
            try {
                action.run();
            } catch (RuntimeException e) {
                counters.ioErrors++;
                throw e;
            }
        }
    }

    /** Waits until every completed recording is durable (background finishing); idempotent. */
    @Override
    public void close() {
        if (finisher != null) {
            finisher.close();
        }
    }

    /**
     * Counters by stable key: {@code recordings-opened}, {@code recordings-completed}, {@code bytes-written} (PCM
     * bytes written to audio files), {@code io-errors}, {@code duplicate-id}, {@code already-complete} (recordings seen again whose
     * {@code recording.json} exists: not rewritten), {@code rebuilt} (unfinished recordings replaced by their rebuild),
     * {@code frames-over-size-limit} (audio
     * beyond the 4 GiB a RIFF header can describe, dropped).
     */
    public Map<String, Long> counters() {
        Map<String, Long> m = new java.util.TreeMap<>(counters.snapshot());
        if (finisher != null) {
            m.merge("recordings-completed", finisher.completed(), Long::sum);
            m.merge("io-errors", finisher.failed(), Long::sum);
        }
        return m;
    }

    /** The output directory. */
    public Path root() {
        return root;
    }

    /**
     * Start-up repair of recordings a crash left unfinished under {@code root}: each {@code audio.wav.partial}
     * without {@code recording.json} is cut to whole frames and its header sizes set from its length, and stays
     * under its partial name; {@code audio.wav} without {@code recording.json} is reported. Idempotent; never
     * deletes anything. Run it before a store writes into {@code root}.
     */
    public static RecoveryReport recover(Path root) throws IOException {
        return WavRepair.recover(root);
    }
}
