package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pcap4j.core.Pcaps;

/**
 * Preconditions of the live tests: root (or the capture capabilities) and a loadable libpcap. They skip with a
 * message when those are missing, except under {@code CI=true}, where they must run.
 */
final class LiveCapture {
    private LiveCapture() {
    }

    static void assumeAvailable() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String why = null;
        if (!isRoot()) {
            why = "live capture tests need root (or CAP_NET_RAW,CAP_NET_ADMIN); skipped";
        } else if (!libpcapLoads()) {
            why = "live capture tests need libpcap (apt install libpcap0.8); skipped";
        }
        assumeTrue(ci || why == null, why);
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");                         // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static boolean libpcapLoads() {
        try {
            return Pcaps.libVersion() != null;
        } catch (LinkageError e) {
            return false;
        }
    }
}
