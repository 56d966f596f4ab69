package org.shadowrec.storage.internal;

/**
 * System properties Chronicle reads once, when its classes initialise: no usage analytics, no start-up banner. Set
 * only when the operator has not set them, and before the first Chronicle class is touched.
 */
public final class ChronicleSettings {
    private static final String[][] DEFAULTS = {
            {"chronicle.analytics.disable", "true"},
            {"chronicle.announcer.disable", "true"},
            {"disable.perf.info", "true"},
    };

    private ChronicleSettings() {
    }

    /** Idempotent. */
    public static void applyDefaults() {
        for (String[] kv : DEFAULTS) {
            if (System.getProperty(kv[0]) == null) {
                System.setProperty(kv[0], kv[1]);
            }
        }
    }
}
