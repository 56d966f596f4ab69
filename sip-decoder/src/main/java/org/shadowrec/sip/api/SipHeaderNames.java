package org.shadowrec.sip.api;

/** Header names and their RFC 3261 §7.3.3 compact forms. */
public final class SipHeaderNames {
    private static final String[][] COMPACT = {
        {"call-id", "i"}, {"contact", "m"}, {"content-encoding", "e"}, {"content-length", "l"},
        {"content-type", "c"}, {"from", "f"}, {"subject", "s"}, {"supported", "k"}, {"to", "t"}, {"via", "v"},
        {"refer-to", "r"}, {"referred-by", "b"}, {"event", "o"}, {"allow-events", "u"}, {"session-expires", "x"},
    };

    private SipHeaderNames() {}

    /** The full lower-case name for a header name or compact form. */
    public static String canonical(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.length() == 1) {
            for (String[] c : COMPACT) {
                if (c[1].equals(n)) {
                    return c[0];
                }
            }
        }
        return n;
    }

    /** True when both names denote the same header. */
    public static boolean sameHeader(String a, String b) {
        return canonical(a).equals(canonical(b));
    }
}
