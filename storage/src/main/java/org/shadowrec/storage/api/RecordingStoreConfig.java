package org.shadowrec.storage.api;

import java.time.Duration;

/**
 * Limits of the recording store.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>headerRefresh</td><td>10 s</td><td>audio written between rewrites of the RIFF and data sizes of
 * {@code audio.wav.partial} (after each, the partial file is a valid WAV of all audio so far)</td></tr>
 * <tr><td>writeBufferBytes</td><td>16 KiB</td><td>PCM buffered per open recording before a write to the file (a quarter
 * second of 8 kHz stereo; it is most of the memory of an open recording)</td></tr>
 * </table>
 *
 * @param headerRefresh audio duration between header rewrites; positive
 * @param writeBufferBytes buffer per open recording, 4 KiB..16 MiB
 */
public record RecordingStoreConfig(Duration headerRefresh, int writeBufferBytes) {

    public RecordingStoreConfig {
        if (headerRefresh == null || headerRefresh.isNegative() || headerRefresh.isZero()) {
            throw new IllegalArgumentException("headerRefresh " + headerRefresh);
        }
        if (writeBufferBytes < 4096 || writeBufferBytes > 16 << 20) {
            throw new IllegalArgumentException("writeBufferBytes " + writeBufferBytes);
        }
    }

    /** The documented defaults. */
    public static RecordingStoreConfig defaults() {
        return new RecordingStoreConfig(Duration.ofSeconds(10), 16_384);
    }
}
