package org.shadowrec.sip.api.rec;

/**
 * Limits of the recording metadata reader, checked before and while reading.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxBytes</td><td>262 144</td><td>a metadata part is a few KiB; larger is hostile (and above any SIP
 *   message)</td></tr>
 * <tr><td>maxElements</td><td>10 000</td><td>element floods</td></tr>
 * <tr><td>maxDepth</td><td>32</td><td>deep nesting; RFC 7865 documents are 4 levels deep, extensions a few more</td></tr>
 * <tr><td>maxTextChars</td><td>16 384</td><td>one text value or one raw extension fragment</td></tr>
 * </table>
 */
public record MetadataLimits(int maxBytes, int maxElements, int maxDepth, int maxTextChars) {

    /** The documented defaults. */
    public static MetadataLimits defaults() {
        return new MetadataLimits(262_144, 10_000, 32, 16_384);
    }
}
