package org.shadowrec.correlator.internal;

import java.util.List;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.rec.BibLeg;

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

    /**
     * The BiB facts of an INVITE ({@link BibLeg#from}: %-unescaped, trimmed), or null when its From URI has neither
     * flag or no {@code x-refci}.
     */
    static BibParams of(SipMessage invite) {
        BibLeg leg = BibLeg.from(invite);
        if (leg == null) {
            return null;
        }
        return new BibParams(leg.nearEnd(), orEmpty(leg.clusterId()), leg.refci(), orEmpty(leg.farEndRefci()),
                leg.nearEndDevice(), leg.nearEndAddr(), leg.farEndDevice(), leg.farEndAddr());
    }

    /** The identity shared by the two INVITEs of a pair (and by a failover offer of either to another recorder). */
    List<String> pairKey() {
        return List.of(clusterId, refci, farendRefci);
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

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
