package org.shadowrec.sip.internal;

import org.shadowrec.sip.api.RtpMap;

/**
 * Static RTP payload types of RFC 3551 §6, tables 4 and 5. The RTP clock of G722 is 8000 Hz although it samples at
 * 16 kHz (RFC 3551 §4.5.2, an erratum kept for compatibility).
 */
public final class StaticPayloadTypes {
    private static final RtpMap[] TABLE = new RtpMap[35];

    static {
        audio(0, "PCMU", 8000, 1);
        audio(3, "GSM", 8000, 1);
        audio(4, "G723", 8000, 1);
        audio(5, "DVI4", 8000, 1);
        audio(6, "DVI4", 16000, 1);
        audio(7, "LPC", 8000, 1);
        audio(8, "PCMA", 8000, 1);
        audio(9, "G722", 8000, 1);
        audio(10, "L16", 44100, 2);
        audio(11, "L16", 44100, 1);
        audio(12, "QCELP", 8000, 1);
        audio(13, "CN", 8000, 1);
        audio(14, "MPA", 90000, 1);
        audio(15, "G728", 8000, 1);
        audio(16, "DVI4", 11025, 1);
        audio(17, "DVI4", 22050, 1);
        audio(18, "G729", 8000, 1);
        audio(25, "CELB", 90000, 1);
        audio(26, "JPEG", 90000, 1);
        audio(28, "NV", 90000, 1);
        audio(31, "H261", 90000, 1);
        audio(32, "MPV", 90000, 1);
        audio(33, "MP2T", 90000, 1);
        audio(34, "H263", 90000, 1);
    }

    private StaticPayloadTypes() {}

    private static void audio(int pt, String encoding, int clock, int channels) {
        TABLE[pt] = new RtpMap(pt, encoding, clock, channels);
    }

    /** The default mapping of a static payload type, or null for a dynamic or unassigned one. */
    public static RtpMap of(int payloadType) {
        return payloadType >= 0 && payloadType < TABLE.length ? TABLE[payloadType] : null;
    }
}
