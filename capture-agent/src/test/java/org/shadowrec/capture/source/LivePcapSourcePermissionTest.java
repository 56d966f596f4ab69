package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening an interface without the capture capabilities: a child JVM runs as root but with CAP_NET_RAW and
 * CAP_NET_ADMIN removed from its bounding set ({@code setpriv}), so libpcap's {@code socket()} fails with EPERM.
 */
class LivePcapSourcePermissionTest {

    @TempDir
    Path dir;

    @Test
    void without_capture_capabilities_the_message_says_what_to_grant() throws Exception {
        LiveCapture.assumeAvailable();
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "needs setpriv (util-linux) to drop capabilities; skipped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(setpriv.toString(), "--bounding-set=-net_raw,-net_admin", "--",
                java, "-cp", System.getProperty("java.class.path"), LivePermissionProbe.class.getName(), "lo",
                dir.resolve("message.txt").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), "the probe opened lo without the capabilities");
        String out = Files.readString(dir.resolve("message.txt"), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("no permission to capture on lo ("), out);
        assertTrue(out.contains("run as root or grant CAP_NET_RAW,CAP_NET_ADMIN"), out);
    }
}
