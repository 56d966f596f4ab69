package org.shadowrec.storage.internal;

import java.util.Map;
import java.util.TreeMap;

/** Counters of one recording store; confined to the processing thread like the store. */
public final class StoreCounters {
    public long opened;
    public long completed;
    public long bytesWritten;
    public long ioErrors;
    public long duplicateIds;
    public long sizeLimitFrames;
    public long alreadyComplete;
    public long rebuilt;

    /** Snapshot by stable key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        m.put("recordings-opened", opened);
        m.put("recordings-completed", completed);
        m.put("bytes-written", bytesWritten);
        m.put("io-errors", ioErrors);
        m.put("duplicate-id", duplicateIds);
        m.put("frames-over-size-limit", sizeLimitFrames);
        m.put("already-complete", alreadyComplete);
        m.put("rebuilt", rebuilt);
        return m;
    }
}
