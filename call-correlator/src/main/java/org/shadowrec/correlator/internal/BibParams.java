package org.shadowrec.correlator.internal;

import java.util.Map;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.sip.api.NameAddr;
import org.shadowrec.sip.api.SipMessage;

/**
 * The Cisco Built-in-Bridge facts of one recording INVITE, from its From URI parameters (CUCM "SIP Profile for
 * recording"): the flag {@code x-nearend} or {@code x-farend} says whose voice this dialog's stream carries;
 * {@code x-refci}, {@code x-nearendclusterid} and {@code x-farendrefci} identify the recorded call, the same in both
 * INVITEs of a pair; the device names and numbers of both ends are repeated in each.
 *
 * @param nearEnd true for the stream of the near end (channel 0), false for the far end (channel 1)
 */
record BibParams(boolean nearEnd, String clusterId, String refci, String farendRefci, String nearDevice,
                 String nearAddr, String farDevice, String farAddr) {

    /** The BiB facts of an INVITE, or null when its From URI has neither flag or no {@code x-refci}. */
    static BibParams of(SipMessage invite) {
        NameAddr from = invite.from();
        Map<String, String> p = from == null ? null : from.uriParams();
        if (p == null) {
            return null;
        }
        boolean near = p.containsKey("x-nearend");
        boolean far = p.containsKey("x-farend");
        String refci = value(p, "x-refci");
        if (near == far || refci == null) {
            return null;
        }
        String cluster = value(p, "x-nearendclusterid");
        return new BibParams(near, cluster == null ? "" : cluster, refci, orEmpty(value(p, "x-farendrefci")),
                value(p, "x-nearenddevice"), value(p, "x-nearendaddr"), value(p, "x-farenddevice"),
                value(p, "x-farendaddr"));
    }

    /** The identity shared by the two INVITEs of a pair (and by a failover offer of either to another recorder). */
    String pairKey() {
        return clusterId + "|" + refci + "|" + farendRefci;
    }

    /** The device chain key: cluster and near-end device (recordings of one phone line). */
    String nearDeviceKey() {
        return nearDevice == null ? null : clusterId + "|" + nearDevice;
    }

    RecordingMetadata.Bib metadata() {
        return new RecordingMetadata.Bib(clusterId.isEmpty() ? null : clusterId, refci,
                farendRefci.isEmpty() ? null : farendRefci, new RecordingMetadata.BibEnd(nearDevice, nearAddr),
                new RecordingMetadata.BibEnd(farDevice, farAddr));
    }

    private static String value(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
