package org.shadowrec.sip.api.rec;

import java.util.Locale;
import org.shadowrec.sip.api.BodyPart;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.SipHeader;
import org.shadowrec.sip.api.SipHeaderNames;
import org.shadowrec.sip.api.SipMessage;

/**
 * A SIP message of a SIPREC recording session (RFC 7866): the SRC's INVITE, re-INVITE or UPDATE towards the
 * recorder.
 *
 * @param requireSiprec {@code siprec} option tag in Require (RFC 7866 §6.1.1)
 * @param supportedSiprec {@code siprec} option tag in Supported
 * @param srcContact {@code +sip.src} feature tag on the Contact (RFC 7866 §6.1.1)
 * @param metadataPart the {@code application/rs-metadata+xml} (or {@code application/rs-metadata}) body part, or null
 * @param recordingDisposition the metadata part has {@code Content-Disposition: recording-session} (RFC 7866 §9)
 */
public record SiprecInvite(boolean requireSiprec, boolean supportedSiprec, boolean srcContact, BodyPart metadataPart,
                           boolean recordingDisposition) {

    /**
     * The SIPREC view of a message, or null when nothing marks it as SIPREC. Any one mark is enough: the
     * {@code siprec} option tag in Require or Supported, {@code +sip.src} on the Contact, or a metadata body part
     * (several SRCs omit one mark or another). Never throws.
     */
    public static SiprecInvite detect(SipMessage message) {
        if (message == null) {
            return null;
        }
        boolean require = false;
        boolean supported = false;
        boolean src = false;
        if (message.headers() != null) {
            for (SipHeader h : message.headers()) {
                if (SipHeaderNames.sameHeader(h.name(), "Require") && hasTag(h.value(), "siprec")) {
                    require = true;
                } else if (SipHeaderNames.sameHeader(h.name(), "Supported") && hasTag(h.value(), "siprec")) {
                    supported = true;
                } else if (SipHeaderNames.sameHeader(h.name(), "Contact") && hasSrcTag(h.value())) {
                    src = true;
                }
            }
        }
        NameAddr contact = message.contact();
        if (!src && contact != null && contact.uri() != null && hasSrcTag(contact.uri())) {
            src = true;
        }
        BodyPart meta = null;
        if (message.bodyParts() != null) {
            for (BodyPart p : message.bodyParts()) {
                String ct = p.contentType() == null ? "" : p.contentType();
                if (ct.equals("application/rs-metadata+xml") || ct.equals("application/rs-metadata")) {
                    meta = p;
                    break;
                }
            }
        }
        if (!require && !supported && !src && meta == null) {
            return null;
        }
        boolean disposition = meta != null && "recording-session".equals(meta.contentDisposition());
        return new SiprecInvite(require, supported, src, meta, disposition);
    }

    private static boolean hasTag(String value, String tag) {
        if (value == null) {
            return false;
        }
        for (String t : value.split(",")) {
            if (t.trim().equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ;+sip.src} as a header or URI parameter (feature tags are case-insensitive, RFC 3840 §9). */
    private static boolean hasSrcTag(String value) {
        if (value == null) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT);
        int i = v.indexOf("+sip.src");
        while (i >= 0) {
            int after = i + "+sip.src".length();
            boolean startOk = i > 0 && v.charAt(i - 1) == ';' || i > 0 && Character.isWhitespace(v.charAt(i - 1));
            boolean endOk = after == v.length() || ";=,> \t".indexOf(v.charAt(after)) >= 0;
            if (startOk && endOk) {
                return true;
            }
            i = v.indexOf("+sip.src", after);
        }
        return false;
    }
}
