package org.shadowrec.sip.api;

/**
 * Input limits of the SIP decoder, checked when bytes enter a stage.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxMessageBytes</td><td>65 535</td><td>largest UDP payload; TCP messages beyond it are refused</td></tr>
 * <tr><td>maxHeaders</td><td>256</td><td>hostile messages with endless headers</td></tr>
 * <tr><td>maxBodyParts</td><td>16</td><td>multipart bombs</td></tr>
 * <tr><td>maxStreamBufferBytes</td><td>262 144</td><td>bytes a TCP framer holds while waiting for a message end</td></tr>
 * </table>
 */
public record SipLimits(int maxMessageBytes, int maxHeaders, int maxBodyParts, int maxStreamBufferBytes) {

    /** The documented defaults. */
    public static SipLimits defaults() {
        return new SipLimits(65_535, 256, 16, 262_144);
    }
}
