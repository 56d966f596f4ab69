package org.shadowrec.storage.internal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import org.shadowrec.storage.api.JournalConfig;

/** The Chronicle roll cycle of each {@link JournalConfig.Roll}. */
public final class JournalRolls {
    private JournalRolls() {
    }

    /** The roll whose Chronicle roll cycle has the same file format and length, or null for none of ours. */
    public static JournalConfig.Roll of(RollCycle cycle) {
        for (JournalConfig.Roll r : JournalConfig.Roll.values()) {
            RollCycle c = chronicle(r);
            if (c.format().equals(cycle.format()) && c.lengthInMillis() == cycle.lengthInMillis()) {
                return r;
            }
        }
        return null;
    }

    public static RollCycle chronicle(JournalConfig.Roll roll) {
        return switch (roll) {
            case MINUTELY -> LegacyRollCycles.MINUTELY;
            case FIVE_MINUTELY -> RollCycles.FIVE_MINUTELY;
            case TEN_MINUTELY -> RollCycles.TEN_MINUTELY;
            case TWENTY_MINUTELY -> RollCycles.TWENTY_MINUTELY;
            case HALF_HOURLY -> RollCycles.HALF_HOURLY;
            case HOURLY -> RollCycles.FAST_HOURLY;
            case TWO_HOURLY -> RollCycles.TWO_HOURLY;
            case DAILY -> RollCycles.FAST_DAILY;
        };
    }
}
