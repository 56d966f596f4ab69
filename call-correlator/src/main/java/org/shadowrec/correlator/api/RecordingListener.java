package org.shadowrec.correlator.api;

import java.io.IOException;

/** Receives recordings as the correlator opens them (first media) and completes them. */
public interface RecordingListener {
    /**
     * A recording starts (its first RTP packet was seen).
     *
     * @param id the derived recording id, safe as a file name
     * @param channels number of audio channels
     * @param sampleRate samples per second
     */
    RecordingSink open(String id, int channels, int sampleRate) throws IOException;
}
