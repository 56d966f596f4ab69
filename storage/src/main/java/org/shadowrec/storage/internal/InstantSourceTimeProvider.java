package org.shadowrec.storage.internal;

import java.time.Instant;
import java.time.InstantSource;
import net.openhft.chronicle.core.time.TimeProvider;

/** Chronicle's clock (which decides the roll cycle of each append) from an injected {@link InstantSource}. */
public final class InstantSourceTimeProvider implements TimeProvider {
    private final InstantSource clock;

    public InstantSourceTimeProvider(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeMillis() {
        return clock.millis();
    }

    @Override
    public long currentTimeMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
