package org.shadowrec.capture.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.shadowrec.capture.pipeline.RunResult;

/** The end-of-run summary: packets, bytes, calls, recordings, then every drop and failure counter by stage. */
final class Summary {
    private Summary() {}

    static void print(PrintStream out, String what, RunResult r, Path outDir) {
        Map<String, Long> c = r.counters();
        double secs = Math.max(1e-3, r.elapsed().toNanos() / 1e9);
        out.printf("shadowrec %s: %,d packets, %,d bytes in %.2f s (%,.0f packets/s)%n", what, r.frames(),
                r.wireBytes(), secs, r.frames() / secs);
        out.printf("calls: %,d seen, %,d recordings written to %s%n", c.getOrDefault("calls.calls", 0L),
                r.recordings(), outDir.toAbsolutePath());
        long again = c.getOrDefault("store.already-complete", 0L);
        if (again > 0) {
            out.printf("%,d recordings were already complete in %s and were not written again%n", again,
                    outDir.toAbsolutePath());
        }
        if (r.interrupted() && "replay".equals(what)) {
            out.println("replay interrupted: run the same command again to continue it where it stopped");
        }
        if (r.interrupted() && r.openCalls() > 0) {
            out.printf("stopped: %,d calls still open are kept in the journal; run the same command again (same"
                    + " --out) to continue them into the same recordings%n", r.openCalls());
        }
        long dropped = c.getOrDefault("source.dropped-kernel", 0L) + c.getOrDefault("source.dropped-interface", 0L);
        if (c.containsKey("source.dropped-kernel") || c.containsKey("source.dropped-interface")) {
            out.printf("capture drops (kernel/interface): %,d%n", dropped);
        }
        StringBuilder undecoded = new StringBuilder();
        c.forEach((k, v) -> {
            if (k.startsWith("undecoded-streams.")) {
                undecoded.append(undecoded.length() == 0 ? "" : ", ").append(k.substring(18)).append(" (")
                        .append(v).append(v == 1 ? " stream)" : " streams)");
            }
        });
        if (undecoded.length() > 0) {
            out.println("codecs not decoded yet (silence in the WAV, \"decoded\": false in recording.json): "
                    + undecoded);
        }
        out.println("counters:");
        c.forEach((k, v) -> {
            if (v != 0) {
                out.printf("  %-44s %,14d%n", k, v);
            }
        });
        if (!r.problems().isEmpty()) {
            out.println("problems:");
            r.problems().forEach(p -> out.println("  " + p));
        }
    }
}
