package org.shadowrec.sip.internal.rec;

/**
 * Repairs one known producer defect: attribute values written without quotes, e.g.
 * {@code <extensiondata xmlns:apkt=http:/acmepacket.com/siprec/extensiondata>} as shown in Oracle SBC SIPREC samples.
 * Only start tags are touched; comments, CDATA sections, processing instructions, declarations and text are copied
 * as they are. The result is read again with every limit and refusal in place.
 */
public final class AttributeQuoter {
    private AttributeQuoter() {}

    /** The text with unquoted attribute values quoted, or null when nothing needed quoting. */
    public static String quote(String xml) {
        StringBuilder out = new StringBuilder(xml.length() + 16);
        boolean changed = false;
        int i = 0;
        int n = xml.length();
        while (i < n) {
            char c = xml.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            if (xml.startsWith("<!--", i)) {
                i = copyThrough(xml, i, "-->", out);
            } else if (xml.startsWith("<![CDATA[", i)) {
                i = copyThrough(xml, i, "]]>", out);
            } else if (xml.startsWith("<?", i)) {
                i = copyThrough(xml, i, "?>", out);
            } else if (xml.startsWith("<!", i) || xml.startsWith("</", i)) {
                i = copyThrough(xml, i, ">", out);
            } else {
                int[] pos = {i};
                changed |= startTag(xml, pos, out);
                i = pos[0];
            }
        }
        return changed ? out.toString() : null;
    }

    private static int copyThrough(String xml, int from, String end, StringBuilder out) {
        int e = xml.indexOf(end, from);
        int stop = e < 0 ? xml.length() : e + end.length();
        out.append(xml, from, stop);
        return stop;
    }

    /** Copies one start tag from pos[0] (at '<'), quoting bare values; leaves pos[0] after the tag. */
    private static boolean startTag(String xml, int[] pos, StringBuilder out) {
        int i = pos[0];
        int n = xml.length();
        boolean changed = false;
        char quote = 0;
        out.append('<');
        i++;
        while (i < n) {
            char c = xml.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
                i++;
            } else if (c == '>') {
                out.append(c);
                i++;
                break;
            } else if (c == '=') {
                out.append(c);
                i++;
                while (i < n && Character.isWhitespace(xml.charAt(i))) {
                    out.append(xml.charAt(i++));
                }
                if (i < n && xml.charAt(i) != '"' && xml.charAt(i) != '\'') {
                    int start = i;
                    while (i < n && !Character.isWhitespace(xml.charAt(i)) && xml.charAt(i) != '>'
                            && !xml.startsWith("/>", i) && xml.charAt(i) != '<') {
                        i++;
                    }
                    out.append('"').append(xml.substring(start, i).replace("\"", "&quot;")).append('"');
                    changed = true;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        pos[0] = i;
        return changed;
    }
}
