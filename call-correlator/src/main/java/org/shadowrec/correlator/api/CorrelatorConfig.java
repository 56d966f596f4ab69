package org.shadowrec.correlator.api;

import java.time.Duration;
import org.shadowrec.rtp.api.MixerConfig;

/**
 * Lifecycle limits of the correlator.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>rtpTimeout</td><td>30 s</td><td>a session whose media stopped this long ends with {@code rtp-timeout}</td></tr>
 * <tr><td>signallingTimeout</td><td>300 s</td><td>a dialog with no media and no progress this long is dropped</td></tr>
 * <tr><td>maxDuration</td><td>4 h</td><td>a recording is closed with {@code max-duration} at this length</td></tr>
 * <tr><td>byeGrace</td><td>2 s</td><td>media still accepted after BYE/CANCEL before the recording completes; after
 *     a BYE or refusal sent by the recorder itself, the media must also have stopped this long</td></tr>
 * <tr><td>maxOpenDialogs</td><td>100 000</td><td>dialogs held at once; beyond it new INVITEs are counted and ignored</td></tr>
 * <tr><td>maxOpenRecordings</td><td>10 000</td><td>recordings open (with a mixer) at once; beyond it the first RTP
 *     of another session is counted ({@code recordings-refused}, {@code rtp-refused}) and the session stays without
 *     a recording until one closes</td></tr>
 * <tr><td>maxOffersPerSession</td><td>16</td><td>dialogs one BiB or SIPREC session holds (legs and failover offers);
 *     further offers of it are counted ({@code offers-refused}) and ignored</td></tr>
 * <tr><td>maxMetadataDocuments</td><td>32</td><td>SIPREC rs-metadata documents one session keeps as received
 *     and merges; further ones are counted and ignored ({@code siprec-metadata-not-kept})</td></tr>
 * <tr><td>health</td><td>{@link RecorderHealthConfig#defaults()}</td><td>when the primary recorder is called
 *     failed</td></tr>
 * </table>
 */
public record CorrelatorConfig(Duration rtpTimeout, Duration signallingTimeout, Duration maxDuration,
                               Duration byeGrace, int maxOpenDialogs, MixerConfig mixer, int maxOpenRecordings,
                               int maxOffersPerSession, int maxMetadataDocuments, RecorderHealthConfig health) {

    public CorrelatorConfig {
        if (maxOpenRecordings < 1 || maxOffersPerSession < 2 || maxMetadataDocuments < 1 || health == null) {
            throw new IllegalArgumentException("maxOpenRecordings >= 1, maxOffersPerSession >= 2,"
                    + " maxMetadataDocuments >= 1, health required");
        }
    }

    /** The lifecycle limits with the documented defaults for the bounds and the recorder health rules. */
    public CorrelatorConfig(Duration rtpTimeout, Duration signallingTimeout, Duration maxDuration, Duration byeGrace,
                            int maxOpenDialogs, MixerConfig mixer) {
        this(rtpTimeout, signallingTimeout, maxDuration, byeGrace, maxOpenDialogs, mixer, 10_000, 16, 32,
                RecorderHealthConfig.defaults());
    }

    /** The documented defaults. */
    public static CorrelatorConfig defaults() {
        return new CorrelatorConfig(Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofHours(4),
                Duration.ofSeconds(2), 100_000, MixerConfig.defaults());
    }

    /** The same limits with other recording bounds. */
    public CorrelatorConfig withBounds(int openRecordings, int offersPerSession, int metadataDocuments) {
        return new CorrelatorConfig(rtpTimeout, signallingTimeout, maxDuration, byeGrace, maxOpenDialogs, mixer,
                openRecordings, offersPerSession, metadataDocuments, health);
    }

    /** The same limits with other recorder health rules. */
    public CorrelatorConfig withHealth(RecorderHealthConfig rules) {
        return new CorrelatorConfig(rtpTimeout, signallingTimeout, maxDuration, byeGrace, maxOpenDialogs, mixer,
                maxOpenRecordings, maxOffersPerSession, maxMetadataDocuments, rules);
    }
}
