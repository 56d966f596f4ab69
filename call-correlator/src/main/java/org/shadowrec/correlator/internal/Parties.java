package org.shadowrec.correlator.internal;

import org.shadowrec.correlator.api.RecordingMetadata.Party;
import org.shadowrec.sip.api.NameAddr;

/** Builds the {@link Party} heard on a channel from a From/To header (RFC 3261 §20.20, §20.39) and a device name. */
final class Parties {

    private Parties() {}

    /**
     * @param who the From or To value, may be null
     * @param device User-Agent or Server of that party's messages, may be null
     */
    static Party of(NameAddr who, String device) {
        if (who == null) {
            return new Party(null, null, null, emptyToNull(device));
        }
        String number = user(who.user());
        return new Party(emptyToNull(who.displayName()), aor(who, number), number, emptyToNull(device));
    }

    /** {@code scheme:user@host} of the URI: no port, no parameters, no headers. */
    static String aor(NameAddr who, String user) {
        String uri = who.uri();
        if (uri == null) {
            return null;
        }
        int colon = uri.indexOf(':');
        String scheme = colon > 0 ? uri.substring(0, colon) : "sip";
        String host = hostWithoutPort(who.host());
        if (host == null) {
            int cut = firstOf(uri, ";?>");
            return cut < 0 ? uri : uri.substring(0, cut);
        }
        return user == null ? scheme + ":" + host : scheme + ":" + user + "@" + host;
    }

    private static String user(String user) {
        if (user == null || user.isEmpty()) {
            return null;
        }
        int semi = user.indexOf(';');
        return semi > 0 ? user.substring(0, semi) : user;
    }

    private static String hostWithoutPort(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon > 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
