package org.shadowrec.sip.internal.rec;

import java.util.Locale;

/** The dialled number of an address of record: user part of a sip/sips URI (RFC 3261 §19.1.1), number of a tel URI. */
public final class AorNumber {
    private AorNumber() {}

    /** The number, %-unescaped, or null when the AOR has none. Never throws. */
    public static String of(String aor) {
        if (aor == null) {
            return null;
        }
        String a = aor.trim();
        int lt = a.indexOf('<');
        if (lt >= 0) {
            int gt = a.indexOf('>', lt);
            a = gt > lt ? a.substring(lt + 1, gt) : a.substring(lt + 1);
        }
        String lower = a.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("tel:")) {
            rest = a.substring(4);
            int semi = rest.indexOf(';');
            rest = semi >= 0 ? rest.substring(0, semi) : rest;
        } else {
            if (lower.startsWith("sips:")) {
                rest = a.substring(5);
            } else if (lower.startsWith("sip:")) {
                rest = a.substring(4);
            } else {
                rest = a;
            }
            int at = rest.indexOf('@');
            if (at < 0) {
                return null;
            }
            rest = rest.substring(0, at);
            int semi = rest.indexOf(';');
            rest = semi >= 0 ? rest.substring(0, semi) : rest;
            int colon = rest.indexOf(':');
            rest = colon >= 0 ? rest.substring(0, colon) : rest;
        }
        String n = UriEscapes.unescape(rest).trim();
        return n.isEmpty() ? null : n;
    }
}
