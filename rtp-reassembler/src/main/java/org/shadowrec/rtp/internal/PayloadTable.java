package org.shadowrec.rtp.internal;

import java.util.Locale;
import java.util.Map;
import org.shadowrec.rtp.api.PayloadFormat;

/**
 * Payload type → name, clock rate and {@link PayloadKind} for one flow: the RFC 3551 §6 static table (Table 4),
 * overridden by the formats negotiated in SDP. Unknown types are named "PT-n" and assumed to run an 8 kHz clock.
 * Lookups are array reads; nothing is allocated per packet.
 */
public final class PayloadTable {

    private static final int TYPES = 128;
    private static final int DEFAULT_CLOCK = 8000;

    /**
     * The table without SDP formats (unknown names, then the static types), built once: every flow starts from a
     * copy of it, and SDP formats are applied again on each change (a call sets them once per flow or more).
     */
    private static final PayloadTable DEFAULTS = new PayloadTable(true);

    private final String[] names = new String[TYPES];
    private final int[] clockRates = new int[TYPES];
    private final PayloadKind[] kinds = new PayloadKind[TYPES];

    public PayloadTable() {
        reset();
    }

    /** Builds {@link #DEFAULTS} itself (the public constructor copies it). */
    private PayloadTable(boolean defaults) {
        for (int pt = 0; pt < TYPES; pt++) {
            set(pt, "PT-" + pt, DEFAULT_CLOCK);
        }
        setStatic();
    }

    private void reset() {
        System.arraycopy(DEFAULTS.names, 0, names, 0, TYPES);
        System.arraycopy(DEFAULTS.clockRates, 0, clockRates, 0, TYPES);
        System.arraycopy(DEFAULTS.kinds, 0, kinds, 0, TYPES);
    }

    /** Replaces earlier formats: the static table, then {@code formats} over it. Out-of-range entries are ignored. */
    public void formats(Map<Integer, PayloadFormat> formats) {
        reset();
        for (PayloadFormat f : formats.values()) {
            if (f == null || f.payloadType() < 0 || f.payloadType() >= TYPES || f.encoding() == null) {
                continue;
            }
            int clock = f.clockRate() > 0 ? f.clockRate() : DEFAULT_CLOCK;
            set(f.payloadType(), f.encoding().toUpperCase(Locale.ROOT), clock);
        }
    }

    /** RFC 3551 Table 4: the audio static payload types. */
    private void setStatic() {
        set(0, "PCMU", 8000);
        set(3, "GSM", 8000);
        set(4, "G723", 8000);
        set(5, "DVI4", 8000);
        set(6, "DVI4", 16000);
        set(7, "LPC", 8000);
        set(8, "PCMA", 8000);
        set(9, "G722", 8000);
        set(10, "L16", 44100);
        set(11, "L16", 44100);
        set(12, "QCELP", 8000);
        set(13, "CN", 8000);
        set(14, "MPA", 90000);
        set(15, "G728", 8000);
        set(16, "DVI4", 11025);
        set(17, "DVI4", 22050);
        set(18, "G729", 8000);
    }

    private void set(int pt, String name, int clock) {
        names[pt] = name;
        clockRates[pt] = clock;
        kinds[pt] = PayloadKind.of(name);
    }

    public String name(int pt) {
        return names[pt];
    }

    public int clockRate(int pt) {
        return clockRates[pt];
    }

    public PayloadKind kind(int pt) {
        return kinds[pt];
    }
}
