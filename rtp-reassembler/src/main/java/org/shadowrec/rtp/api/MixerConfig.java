package org.shadowrec.rtp.api;

/**
 * Settings of a {@link RecordingMixer}.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>sampleRate</td><td>8000</td><td>output rate in Hz</td></tr>
 * <tr><td>reorderWindowMillis</td><td>500</td><td>audio is final this long after capture time passed it</td></tr>
 * <tr><td>resyncMillis</td><td>1000</td><td>RTP timestamp drift from arrival time beyond which a stream re-anchors</td></tr>
 * <tr><td>maxLeadMillis</td><td>10000</td><td>how far ahead of the flush point a packet may be placed</td></tr>
 * </table>
 */
public record MixerConfig(int sampleRate, int reorderWindowMillis, int resyncMillis, int maxLeadMillis) {

    /** The documented defaults. */
    public static MixerConfig defaults() {
        return new MixerConfig(8000, 500, 1000, 10_000);
    }
}
