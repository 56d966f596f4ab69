package org.shadowrec.testpcaps.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.shadowrec.testpcaps.gen.CaptureFormat;
import org.shadowrec.testpcaps.gen.CaptureGenerator;
import org.shadowrec.testpcaps.gen.CaptureOptions;
import org.shadowrec.testpcaps.gen.Catalog;
import org.shadowrec.testpcaps.gen.ExpectedYaml;
import org.shadowrec.testpcaps.gen.GenerationResult;

/**
 * Command line of the capture generator.
 *
 * <pre>
 *   all &lt;test-pcaps dir&gt;                 re-create every committed capture, expected.yaml and README.md
 *   one &lt;name&gt; &lt;test-pcaps dir&gt;          re-create one of them
 *   bench &lt;file&gt; --calls N --seconds S [--stagger-ms M] [--seed X]
 *                                       write N concurrent calls; prints the packets written
 * </pre>
 *
 * README.md files embed tshark's view of each capture; without tshark on the PATH they are left as they are.
 */
public final class GenerateMain {
    private GenerateMain() {
    }

    /** @param args see the class comment */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
            return;
        }
        switch (args[0]) {
            case "all" -> {
                Path dir = Path.of(args[1]);
                for (Catalog.Entry e : Catalog.entries()) {
                    writeEntry(e, dir);
                }
            }
            case "one" -> {
                if (args.length < 3) {
                    usage();
                    return;
                }
                Catalog.Entry e = Catalog.find(args[1])
                        .orElseThrow(() -> new IllegalArgumentException("no capture named " + args[1]));
                writeEntry(e, Path.of(args[2]));
            }
            case "bench" -> bench(args);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: GenerateMain all <test-pcaps dir>\n"
                + "       GenerateMain one <name> <test-pcaps dir>\n"
                + "       GenerateMain bench <file> --calls N --seconds S [--stagger-ms M] [--seed X]");
        System.exit(2);
    }

    private static void bench(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        CaptureOptions.Builder b = CaptureOptions.builder().calls(10).seconds(60);
        for (int i = 2; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--calls" -> b.calls(Integer.parseInt(v));
                case "--seconds" -> b.seconds(Double.parseDouble(v));
                case "--stagger-ms" -> b.staggerMillis(Integer.parseInt(v));
                case "--seed" -> b.seed(Long.parseLong(v));
                case "--format" -> b.format(CaptureFormat.parse(v));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (file.getFileName().toString().endsWith(".pcapng")) {
            b.format(CaptureFormat.PCAPNG_US_LE);
        }
        long t0 = System.nanoTime();
        GenerationResult r = CaptureGenerator.write(b.build(), file);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(r.packets());
        System.err.printf("%d packets, %d calls, %d bytes in %d ms%n", r.packets(), r.calls().size(),
                Files.size(file), ms);
    }

    /** Writes capture + expected.yaml (+ README.md when tshark is available) of one entry under {@code root}. */
    public static GenerationResult writeEntry(Catalog.Entry e, Path root) throws IOException, InterruptedException {
        Path dir = root.resolve(e.name());
        Files.createDirectories(dir);
        CaptureOptions o = e.options();
        Path capture = dir.resolve(o.format().fileName());
        GenerationResult r = CaptureGenerator.write(o, capture);
        Files.writeString(dir.resolve("expected.yaml"), ExpectedYaml.render(o, r), StandardCharsets.UTF_8);
        String streams = tshark(capture, "rtp,streams");
        String sip = tshark(capture, "sip,stat");
        String frames = run(capture, "tshark", "-r", capture.getFileName().toString(), "-Y", "sip");
        String version = run(capture, "tshark", "--version");
        if (streams != null && sip != null && frames != null && version != null) {
            String tshark = version.lines().findFirst().orElse("tshark").strip().replaceAll("\\.$", "");
            Files.writeString(dir.resolve("README.md"), readme(e, r, tshark, streams, sip, frames),
                    StandardCharsets.UTF_8);
        }
        System.out.println(e.name() + ": " + r.packets() + " packets");
        return r;
    }

    private static String readme(Catalog.Entry e, GenerationResult r, String tshark, String streams, String sip,
                                 String frames) {
        CaptureOptions o = e.options();
        String file = o.format().fileName();
        return "# " + e.name() + "\n\n"
                + e.description() + "\n\n"
                + "- file: `" + file + "` (" + o.format().label() + "), " + r.packets() + " frames, Ethernet\n"
                + "- calls: " + o.calls() + ", seed " + o.seed() + ", start " + o.start() + "\n"
                + "- caller 1001 (Alice) sends a 440 Hz tone, callee 1002 (Bob) a 1000 Hz tone, -10 dBFS, 20 ms "
                + "packets\n"
                + "- the facts a recorder must reproduce are in `expected.yaml`\n"
                + "- provenance: synthetic, written by shadowrec's own generator (`org.shadowrec.testpcaps.gen`, this "
                + "module); no real traffic, no personal data, same licence as the project\n\n"
                + "## Regenerate\n\n"
                + "From the repository root:\n\n"
                + "```\n"
                + "mvn -q -B -o -pl test-pcaps compile\n"
                + "java -cp test-pcaps/target/classes org.shadowrec.testpcaps.cli.GenerateMain one " + e.name()
                + " test-pcaps\n"
                + "```\n\n"
                + "The generator is deterministic: this re-creates the committed file byte for byte "
                + "(`CommittedCapturesTest` checks it).\n\n"
                + "## tshark's view\n\n"
                + "Made with " + tshark + ".\n\n"
                + "`tshark -r " + file + " -q --enable-heuristic rtp_udp -z rtp,streams`\n\n"
                + "```\n" + streams + "```\n\n"
                + "`tshark -r " + file + " -q --enable-heuristic rtp_udp -z sip,stat`\n\n"
                + "```\n" + sip + "```\n\n"
                + "`tshark -r " + file + " -Y sip` (frames tshark decodes as SIP, after IP/TCP reassembly)\n\n"
                + "```\n" + frames + "```\n";
    }

    /** @return tshark's statistics output for one -z argument, or null when tshark is not available */
    public static String tshark(Path capture, String stat) throws IOException, InterruptedException {
        return run(capture, "tshark", "-r", capture.getFileName().toString(), "-q", "--enable-heuristic", "rtp_udp",
                "-z", stat);
    }

    /** @return stdout of a command run in the capture's folder, or null when it cannot run or fails */
    private static String run(Path capture, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(capture.toAbsolutePath().getParent().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return null;
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            return null;
        }
        return out;
    }
}
