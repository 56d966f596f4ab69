package org.shadowrec.sip.internal.rec;

import java.util.Deque;
import java.util.Set;

/** Text helpers for re-serialising extension fragments (XML 1.0 §2.4 character data, §3.1 attribute values). */
final class XmlText {
    private XmlText() {}

    static void declare(StringBuilder sb, Deque<Set<String>> declared, Set<String> here, String prefix,
                                String ns) {
        String p = prefix == null ? "" : prefix;
        if (ns == null || ns.isEmpty() && p.isEmpty()) {
            return;
        }
        if (here.contains(p)) {
            return;
        }
        for (Set<String> s : declared) {
            if (s.contains(p)) {
                return;
            }
        }
        here.add(p);
        sb.append(p.isEmpty() ? " xmlns" : " xmlns:" + p).append("=\"").append(escape(ns)).append('"');
    }

    static String qname(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
