package org.shadowrec.capture.pipeline;

import java.util.List;
import org.shadowrec.capture.api.PacketSource;
import org.shadowrec.storage.api.JournalMarker;
import org.shadowrec.storage.api.PacketJournal;

/**
 * Where an interrupted replay continues: the journal is read once from its start, frames are counted per source, and
 * the files of the first {@code capture-start} marker must be the files replayed now (same size, modification time
 * and path). Frames of a batch the interrupted run had not written yet are not in the journal, so they are read from
 * the file again: the journal ends up holding every frame exactly once, as an uninterrupted run would.
 */
final class ReplayResume {
    /** Name of the reader that counts; it never stores a checkpoint. */
    private static final String SCAN_READER = "replay-scan";

    private ReplayResume() {}

    /**
     * Frames of each source already in the journal (all zero for an empty journal).
     *
     * @throws JournalMismatchException when the journal holds frames of other files
     */
    static long[] framesJournalled(PacketJournal journal, List<PacketSource> sources) throws JournalMismatchException {
        long[] counts = new long[sources.size()];
        if (journal.lastIndex() < 0) {
            return counts;
        }
        List<String> now = sources.stream().map(PacketSource::identity).toList();
        List<String>[] before = new List[1];
        long[] foreign = new long[1];
        try (PacketJournal.Reader r = journal.reader(SCAN_READER)) {
            while (r.next((index, nanos, sourceId, linkType, wireLength, buf, off, len) -> {
                if (JournalMarker.isMarkerLinkType(linkType)) {
                    JournalMarker m = JournalMarker.decode(buf, off, len);
                    if (m != null && before[0] == null && JournalMarker.CAPTURE_START.equals(m.kind())) {
                        before[0] = m.sources();
                    }
                    return;
                }
                int source = sourceId >>> 8;
                if (source < counts.length) {
                    counts[source]++;
                } else {
                    foreign[0]++;
                }
            })) {
                // counting
            }
        }
        if (before[0] == null || !before[0].equals(now) || foreign[0] > 0) {
            throw new JournalMismatchException("the journal " + journal.directory() + " holds "
                    + (before[0] == null ? "frames of another run" : "a replay of other files " + before[0])
                    + "; replay into another --out, pass another --journal, or delete that directory");
        }
        return counts;
    }
}
