package org.shadowrec.capture.source;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shadowrec.capture.api.CaptureException;

/**
 * Child-process entry point of {@link LivePcapSourcePermissionTest}: tries to open interface {@code args[0]} and
 * writes the {@link CaptureException} message to the file {@code args[1]} (exit 0), or exits 2 when the open
 * unexpectedly succeeded.
 */
final class LivePermissionProbe {
    private LivePermissionProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            LivePcapSource.open(LiveCaptureOptions.of(args[0])).close();
            System.exit(2);
        } catch (CaptureException e) {
            Files.writeString(Path.of(args[1]), e.getMessage(), StandardCharsets.UTF_8);
            System.exit(0);
        }
    }
}
