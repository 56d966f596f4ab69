package org.shadowrec.correlator.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC times with millisecond precision, as in {@code recording.json}. */
final class IsoTimes {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoTimes() {}

    static String format(long epochNanos) {
        return ISO.format(RecordingIds.instant(epochNanos));
    }

    /** Null for a negative (unknown) time. */
    static String formatOrNull(long epochNanos) {
        return epochNanos < 0 ? null : format(epochNanos);
    }
}
