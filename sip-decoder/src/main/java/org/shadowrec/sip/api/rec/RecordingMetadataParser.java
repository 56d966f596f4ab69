package org.shadowrec.sip.api.rec;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.shadowrec.sip.api.BodyPart;
import org.shadowrec.sip.internal.rec.MetadataMerger;
import org.shadowrec.sip.internal.rec.MetadataReader;

/**
 * Recording metadata (RFC 7865, content type {@code application/rs-metadata+xml}, RFC 7866 §9) in, a
 * {@link MetadataResult} out; every dialect listed in {@link RecordingMetadataDoc} lands in the same model.
 *
 * <p>Safe on hostile input: DTDs (hence external entities and entity-expansion bombs) are refused, no file or
 * network resource is ever opened, size, element count, depth and text length are bounded by {@link MetadataLimits}.
 * Confined to one thread.
 */
public final class RecordingMetadataParser {
    private final MetadataReader reader;
    private final Map<String, Long> counters = new TreeMap<>();

    public RecordingMetadataParser(MetadataLimits limits) {
        this.reader = new MetadataReader(limits);
    }

    /** Reads a document given as bytes (encoding from the XML declaration, UTF-8 by default). Never throws. */
    public MetadataResult parse(byte[] xml) {
        MetadataResult r = xml == null ? new MetadataResult.Failed("empty", "no metadata bytes")
                : reader.read(xml, 0, xml.length);
        count("documents");
        if (r instanceof MetadataResult.Parsed p) {
            count("parsed");
            count("dialect-" + p.doc().dialect());
            if (reader.repaired()) {
                count("repaired-unquoted-attributes");
            }
        } else if (r instanceof MetadataResult.Failed f) {
            count("failed");
            count("failed-" + f.reason());
        }
        return r;
    }

    /**
     * A snapshot of the counters by stable kebab-case key, sorted: {@code documents}, {@code parsed}, {@code failed},
     * {@code failed-<reason>} (reasons of {@link MetadataResult.Failed}), {@code dialect-<dialect>},
     * {@code repaired-unquoted-attributes}.
     */
    public Map<String, Long> counters() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    private void count(String key) {
        counters.merge(key, 1L, Long::sum);
    }

    /** Reads a document given as text. Never throws. */
    public MetadataResult parse(String xml) {
        return xml == null ? new MetadataResult.Failed("empty", "no metadata text")
                : parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the content of a metadata body part (see {@link SiprecInvite#metadataPart()}). Never throws. */
    public MetadataResult parse(BodyPart part) {
        return part == null ? new MetadataResult.Failed("empty", "no metadata part") : parse(part.content());
    }

    /**
     * Applies a partial update (RFC 7866 §8.2.2) to the document it updates: sessions, groups, participants and
     * streams matched by id (new ones added, existing ones updated where the update says something, disassociation
     * times applied); a complete update replaces base. See {@link MetadataMerger#merge}.
     */
    public static RecordingMetadataDoc merge(RecordingMetadataDoc base, RecordingMetadataDoc update) {
        return MetadataMerger.merge(base, update);
    }
}
