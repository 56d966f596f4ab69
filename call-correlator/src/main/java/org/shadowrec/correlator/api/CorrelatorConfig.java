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
 * <tr><td>byeGrace</td><td>2 s</td><td>media still accepted after BYE/CANCEL before the recording completes</td></tr>
 * <tr><td>maxOpenDialogs</td><td>100 000</td><td>dialogs held at once; beyond it new INVITEs are counted and ignored</td></tr>
 * </table>
 */
public record CorrelatorConfig(Duration rtpTimeout, Duration signallingTimeout, Duration maxDuration,
                               Duration byeGrace, int maxOpenDialogs, MixerConfig mixer) {

    /** The documented defaults. */
    public static CorrelatorConfig defaults() {
        return new CorrelatorConfig(Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofHours(4),
                Duration.ofSeconds(2), 100_000, MixerConfig.defaults());
    }
}
