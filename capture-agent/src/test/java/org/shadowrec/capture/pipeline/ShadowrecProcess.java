package org.shadowrec.capture.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: the shadowrec command line ({@code org.shadowrec.capture.cli.Main}) in its own JVM, with this test
 * JVM's class path and Chronicle flags, its output in {@code <dir>/<name>.out} and {@code .err}. For tests that stop
 * or kill the process the way an operator or a crash would.
 */
final class ShadowrecProcess {
    final Process process;
    final Path out;
    final Path err;

    private ShadowrecProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ShadowrecProcess start(Path dir, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.shadowrec.capture.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ShadowrecProcess(p, out, err);
    }

    /** Waits until stderr contains {@code text}; fails when the process exits first or after 60 s. */
    void awaitErr(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(err).contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("shadowrec exited early: " + Files.readString(err));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("shadowrec did not print '" + text + "': " + Files.readString(err));
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL: the JVM gets no chance to flush or checkpoint. Returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then waits (at most 30 s) and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("shadowrec did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(out) + Files.readString(err);
    }
}
