package org.shadowrec.capture.source;

import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.shadowrec.capture.api.CaptureException;

/**
 * Turns libpcap's failures into messages a user can act on. Return codes are {@code pcap_activate(3PCAP)}'s
 * {@code PCAP_ERROR_*} values.
 */
final class LiveCaptureErrors {
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    private LiveCaptureErrors() {
    }

    static CaptureException activation(String interfaceName, PcapNativeException e) {
        Integer code = e.getReturnCode();
        String text = String.valueOf(e.getMessage());
        if (isCode(code, PCAP_ERROR_NO_SUCH_DEVICE) || text.contains("No such device")) {
            return unknownInterface(interfaceName, e);
        }
        if (isCode(code, PCAP_ERROR_PERM_DENIED) || isCode(code, PCAP_ERROR_PROMISC_PERM_DENIED)
                || text.contains("Operation not permitted") || text.contains("ermission")) {
            return new CaptureException("no permission to capture on " + interfaceName + " (" + text + "): run as "
                    + "root or grant CAP_NET_RAW,CAP_NET_ADMIN (e.g. AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN "
                    + "in the systemd unit, or setcap cap_net_raw,cap_net_admin=eip on the java binary)", e);
        }
        if (isCode(code, PCAP_ERROR_IFACE_NOT_UP)) {
            return new CaptureException("interface " + interfaceName + " is down: bring it up (ip link set "
                    + interfaceName + " up)", e);
        }
        return new CaptureException("cannot capture on " + interfaceName + ": " + text, e);
    }

    static CaptureException unknownInterface(String interfaceName, Throwable cause) {
        return new CaptureException("no capture interface named '" + interfaceName + "'; available: "
                + String.join(", ", availableInterfaces()), cause);
    }

    static CaptureException badFilter(String interfaceName, String filter, PcapNativeException e) {
        return new CaptureException("bad capture filter \"" + filter + "\" for " + interfaceName + ": "
                + e.getMessage() + " (see pcap-filter(7))", e);
    }

    static CaptureException libpcapMissing(Throwable e) {
        return new CaptureException("libpcap could not be loaded (" + e + "): install it (Debian/Ubuntu: apt "
                + "install libpcap0.8; RHEL: dnf install libpcap)", e);
    }

    /** Names libpcap can capture on, or a note why they cannot be listed. */
    static List<String> availableInterfaces() {
        List<String> names = new ArrayList<>();
        try {
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                names.add(nif.getName());
            }
        } catch (PcapNativeException e) {
            names.add("(cannot list interfaces: " + e.getMessage() + ")");
        }
        return names;
    }

    private static boolean isCode(Integer code, int expected) {
        return code != null && code == expected;
    }
}
