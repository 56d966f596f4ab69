package org.shadowrec.sip.api.rec;

/** Outcome of reading one recording metadata document: never an exception for bad content. */
public sealed interface MetadataResult permits MetadataResult.Parsed, MetadataResult.Failed {

    /** A document read. */
    record Parsed(RecordingMetadataDoc doc) implements MetadataResult {}

    /**
     * A document refused.
     *
     * @param reason a short stable counter key: {@code empty}, {@code too-large}, {@code dtd-refused} (any DOCTYPE,
     *               hence every XXE and entity-expansion document), {@code entity-refused}, {@code too-many-elements},
     *               {@code too-deep}, {@code malformed-xml}, {@code not-recording-metadata}
     * @param detail a human-readable explanation without control characters
     */
    record Failed(String reason, String detail) implements MetadataResult {}
}
