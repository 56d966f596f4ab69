package org.shadowrec.storage.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.storage.api.RecordingFiles;

/**
 * {@code recording.json}: UTF-8, pretty printed, null fields absent, record components in declaration order (the
 * order of the Output contract in ARCHITECTURE.md). Written to {@code recording.json.tmp}, fsynced, renamed.
 */
public final class MetadataJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final ObjectWriter WRITER = MAPPER.writerWithDefaultPrettyPrinter();

    private MetadataJson() {
    }

    /** The document bytes, ending with a newline. */
    public static byte[] toBytes(RecordingMetadata metadata) throws IOException {
        byte[] json = WRITER.writeValueAsBytes(metadata);
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        out[json.length] = '\n';
        return out;
    }

    /** Parses a document written by {@link #toBytes}. */
    public static RecordingMetadata fromBytes(byte[] json) throws IOException {
        return MAPPER.readValue(json, RecordingMetadata.class);
    }

    /** Writes {@code recording.json} in {@code dir} atomically. */
    public static void write(Path dir, RecordingMetadata metadata) throws IOException {
        AtomicFiles.write(dir.resolve(RecordingFiles.METADATA), dir.resolve(RecordingFiles.METADATA_TEMP),
                toBytes(metadata));
    }
}
