package org.shadowrec.testpcaps.gen;

import java.time.Instant;
import java.util.Locale;

/**
 * Renders the facts of a generation as the {@code expected.yaml} schema read by
 * {@link org.shadowrec.testpcaps.ExpectedResult}.
 */
public final class ExpectedYaml {
    private ExpectedYaml() {
    }

    /** @return the YAML text for a capture written with {@code options} */
    public static String render(CaptureOptions options, GenerationResult result) {
        CaptureFormat f = options.format();
        StringBuilder y = new StringBuilder();
        y.append("# What a correct recorder must produce from ").append(f.fileName()).append(".\n")
                .append("# Written by org.shadowrec.testpcaps.cli.GenerateMain from the generator's own plan: do not edit.\n")
                .append("capture: ").append(f.fileName()).append('\n')
                .append("format: ").append(f.label()).append('\n')
                .append("packets: ").append(result.packets()).append("          # frames in the file\n")
                .append("recordings:\n");
        for (CallFacts c : result.calls()) {
            y.append("  - callId: ").append(q(c.callId())).append('\n')
                    .append("    fromTag: ").append(q(c.fromTag())).append('\n')
                    .append("    toTag: ").append(q(c.toTag())).append('\n')
                    .append("    sipTransport: ").append(c.sipTransport()).append('\n')
                    .append("    inviteTime: ").append(q(time(f, c.inviteNanos()))).append('\n')
                    .append("    byeTime: ").append(q(time(f, c.byeNanos()))).append('\n')
                    .append("    endReason: bye\n")
                    .append("    audioSeconds: ").append(num(c.audioSeconds()))
                    .append("        # nominal RTP span per direction: packets sent x 20 ms\n")
                    .append("    channels:\n");
            for (CallFacts.Channel ch : c.channels()) {
                CallFacts.Stream s = ch.stream();
                y.append("      - index: ").append(ch.index()).append('\n')
                        .append("        toneHz: ").append(ch.toneHz()).append('\n')
                        .append("        party: { name: ").append(q(ch.name())).append(", number: ")
                        .append(q(ch.number())).append(", aor: ").append(q(ch.aor())).append(" }\n")
                        .append("        streams:\n")
                        .append("          - ssrc: ").append(q(String.format(Locale.ROOT, "0x%08X", s.ssrc())))
                        .append('\n')
                        .append("            src: ").append(q(s.src())).append('\n')
                        .append("            dst: ").append(q(s.dst())).append('\n')
                        .append("            codec: ").append(s.codec()).append('\n')
                        .append("            payloadType: ").append(s.codec().payloadType()).append('\n')
                        .append("            packets: ").append(s.packets()).append('\n')
                        .append("            lost: ").append(s.lost()).append('\n')
                        .append("            duplicates: ").append(s.duplicates()).append('\n')
                        .append("            reordered: ").append(s.reordered()).append('\n')
                        .append("            firstSeq: ").append(s.firstSeq()).append('\n')
                        .append("            firstTimestamp: ").append(s.firstTimestamp()).append('\n')
                        .append("            firstSeen: ").append(q(time(f, s.firstNanos()))).append('\n')
                        .append("            lastSeen: ").append(q(time(f, s.lastNanos()))).append('\n');
            }
            if (!c.dtmf().isEmpty()) {
                y.append("    dtmf:\n");
                for (CallFacts.Digit d : c.dtmf()) {
                    y.append("      - { channel: ").append(d.channel()).append(", digit: ").append(q(d.digit()))
                            .append(", event: ").append(d.event()).append(", offsetSeconds: ")
                            .append(num(d.offsetSeconds())).append(", durationMs: ").append(d.durationMs())
                            .append(", rtpTimestamp: ").append(d.rtpTimestamp()).append(" }\n");
                }
            }
        }
        return y.toString();
    }

    private static String time(CaptureFormat f, long nanos) {
        long t = f.truncate(nanos);
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L)).toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
