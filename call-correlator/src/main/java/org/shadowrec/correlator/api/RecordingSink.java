package org.shadowrec.correlator.api;

import java.io.IOException;
import org.shadowrec.rtp.api.PcmSink;

/** Where one recording's audio goes while it runs, and its metadata when it completes. */
public interface RecordingSink extends PcmSink {
    /** The recording is complete: all audio was written; make it final (rename, fsync, publish). */
    void complete(RecordingMetadata metadata) throws IOException;

    /**
     * Writes out the audio buffered so far and makes the file describe it (a planned stop: the unfinished file is
     * playable up to here). Does nothing by default.
     */
    default void flush() throws IOException {
    }
}
