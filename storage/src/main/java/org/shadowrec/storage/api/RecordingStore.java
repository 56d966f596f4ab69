package org.shadowrec.storage.api;

import java.io.IOException;
import java.nio.file.Path;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingSink;

/**
 * Writes recordings under {@code root/<recording-id>/}: {@code audio.wav} (PCM16, written progressively as
 * {@code audio.wav.partial} with a valid header kept current, renamed when complete) and {@code recording.json}
 * (written to a temporary name and renamed). The id must match {@code [A-Za-z0-9._-]+} and never starts with a dot;
 * anything else is refused, so packet content can never become a path. Confined to the processing thread.
 */
public final class RecordingStore implements RecordingListener {

    public RecordingStore(Path root) throws IOException {
        throw new UnsupportedOperationException("TODO storage " + root);
    }

    @Override
    public RecordingSink open(String id, int channels, int sampleRate) throws IOException {
        throw new UnsupportedOperationException("TODO storage");
    }

    /** Recordings completed by this store. */
    public long completed() {
        throw new UnsupportedOperationException("TODO storage");
    }
}
