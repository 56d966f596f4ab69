package org.shadowrec.sip.api.rec;

import java.util.Map;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.internal.rec.UriEscapes;

/**
 * One Cisco Unified CM Built-in-Bridge (BiB) recording leg: CUCM opens two dialogs towards the recorder per recorded
 * call, one carrying the near-end (agent) voice and one the far-end (customer) voice, both forked by the agent phone.
 * The leg is described by URI parameters of the recording INVITE's From header, e.g.
 * {@code <sip:2000@ucm1;x-nearend;x-refci=ci2;x-nearenddevice=SEPB;x-farendrefci=ci1;x-farenddevice=SEPA;x-farendaddr=1000>}
 * (CUCM "SIP header enhancement" for recording). The two legs of one recording share {@code x-refci}.
 *
 * @param nearEnd true if this dialog carries the near-end stream ({@code x-nearend}), false for {@code x-farend}
 * @param refci call leg identifier of the recorded (near-end) call leg, {@code x-refci}
 * @param clusterId {@code x-nearendclusterid}, or null
 * @param nearEndDevice {@code x-nearenddevice}, or null
 * @param nearEndAddr {@code x-nearendaddr} (the near-end DN), or null
 * @param farEndRefci {@code x-farendrefci}, or null
 * @param farEndClusterId {@code x-farendclusterid}, or null
 * @param farEndDevice {@code x-farenddevice}, or null
 * @param farEndAddr {@code x-farendaddr} (the far-end DN), or null
 * @param nearEndGuid {@code x-nearendguid}, or null
 * @param farEndGuid {@code x-farendguid}, or null
 */
public record BibLeg(boolean nearEnd, String refci, String clusterId, String nearEndDevice, String nearEndAddr,
                     String farEndRefci, String farEndClusterId, String farEndDevice, String farEndAddr,
                     String nearEndGuid, String farEndGuid) {

    /**
     * The BiB leg described by the From URI parameters, or null when the message is not a BiB leg (no From, no
     * non-empty {@code x-refci}, or neither {@code x-nearend} nor {@code x-farend}; both flags also give null).
     * Values are %-unescaped (RFC 3986 §2.1; a malformed escape is kept as is) and trimmed; empty values become null.
     */
    public static BibLeg from(SipMessage message) {
        if (message == null) {
            return null;
        }
        NameAddr from = message.from();
        if (from == null || from.uriParams() == null) {
            return null;
        }
        Map<String, String> p = from.uriParams();
        boolean near = p.containsKey("x-nearend");
        boolean far = p.containsKey("x-farend");
        String refci = value(p, "x-refci");
        if (near == far || refci == null) {
            return null;
        }
        return new BibLeg(near, refci, value(p, "x-nearendclusterid"), value(p, "x-nearenddevice"),
                value(p, "x-nearendaddr"), value(p, "x-farendrefci"), value(p, "x-farendclusterid"),
                value(p, "x-farenddevice"), value(p, "x-farendaddr"), value(p, "x-nearendguid"),
                value(p, "x-farendguid"));
    }

    private static String value(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        String u = UriEscapes.unescape(v).trim();
        if (u.length() >= 2 && u.startsWith("\"") && u.endsWith("\"")) {
            u = u.substring(1, u.length() - 1).trim();
        }
        return u.isEmpty() ? null : u;
    }
}
