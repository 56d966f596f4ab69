package org.shadowrec.capture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.storage.api.PacketJournal;
import org.shadowrec.testpcaps.TestPcaps;

/** The command line's exit codes and messages, driven through {@link Main#run}. */
class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void no_arguments_prints_usage_and_exits_2() {
        assertEquals(Main.USAGE, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("shadowrec replay FILE..."));
    }

    @Test
    void unknown_command_and_option_exit_2_with_a_reason() {
        assertEquals(Main.USAGE, run("record", "x"));
        assertTrue(err().contains("unknown command 'record'"), err());
        assertEquals(Main.USAGE, run("replay", "x.pcap", "--out", tmp.toString(), "--speed", "2"));
        assertTrue(err().contains("unknown option --speed"), err());
        assertEquals(Main.USAGE, run("replay", "x.pcap"));
        assertTrue(err().contains("--out DIR is required"), err());
        assertEquals(Main.USAGE, run("replay", "x.pcap", "--out", tmp.toString(), "--rtp-timeout", "soon"));
        assertTrue(err().contains("--rtp-timeout must be a whole number"), err());
    }

    @Test
    void missing_file_exits_3_naming_the_file() {
        Path missing = tmp.resolve("nope.pcap");
        assertEquals(Main.BAD_INPUT, run("replay", missing.toString(), "--out", tmp.resolve("o").toString()));
        assertTrue(err().contains("nope.pcap"), err());
    }

    @Test
    void a_file_that_is_not_a_capture_exits_3() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.pcap"), "this is not a capture file at all\n");
        assertEquals(Main.BAD_INPUT, run("replay", text.toString(), "--out", tmp.resolve("o").toString()));
        assertTrue(err().contains("notes.pcap"), err());
    }

    @Test
    void unknown_interface_exits_4_and_lists_interfaces() {
        int code = run("capture", "--interface", "nosuchif0", "--out", tmp.resolve("o").toString(), "--quiet");
        assertEquals(Main.CAPTURE_FAILED, code, err());
        assertTrue(err().contains("nosuchif0"), err());
    }

    @Test
    void replay_writes_recordings_and_a_summary() throws IOException {
        Path capture = TestPcaps.dir().resolve("sip-udp-g711u").resolve("capture.pcap");
        Path outDir = tmp.resolve("out");
        assertEquals(Main.OK, run("replay", capture.toString(), "--out", outDir.toString(), "--quiet"), err());
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(1, s.filter(p -> Files.exists(p.resolve("recording.json"))
                    && Files.exists(p.resolve("audio.wav"))).count());
        }
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("1 recordings written"), summary);
        assertTrue(summary.contains("packets"), summary);
    }

    @Test
    void a_replay_is_idempotent_and_a_journal_of_other_files_is_refused_or_discarded() throws IOException {
        Path a = TestPcaps.capture("sip-udp-g711u").resolve("capture.pcap");
        Path b = TestPcaps.capture("sip-udp-g711a").resolve("capture.pcap");
        Path o = tmp.resolve("o");
        Path journal = tmp.resolve("journal");
        assertEquals(Main.OK, run("replay", a.toString(), "--out", o.toString(), "--journal", journal.toString(),
                "--quiet"));
        assertTrue(Files.isDirectory(journal), "an explicit journal is kept");
        assertEquals(1, recordings(o));

        // the same replay again: nothing new, nothing written twice
        assertEquals(Main.OK, run("replay", a.toString(), "--out", o.toString(), "--quiet"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 recordings were already complete"),
                out.toString(StandardCharsets.UTF_8));
        assertEquals(1, recordings(o));
        assertTrue(!Files.exists(o.resolve(Main.REPLAY_JOURNAL)), "the replay's own journal is removed when done");

        // other files into a journal that holds a replay of a: refused when the journal was named...
        assertEquals(Main.BAD_INPUT, run("replay", b.toString(), "--out", o.toString(), "--journal",
                journal.toString(), "--quiet"));
        assertTrue(err().contains("holds a replay of other files"), err());
        assertEquals(1, recordings(o));
        // ...discarded, with a notice, when it is the replay's own one left in the output directory
        Files.move(journal, o.resolve(Main.REPLAY_JOURNAL));
        assertEquals(Main.OK, run("replay", b.toString(), "--out", o.toString(), "--quiet"));
        assertTrue(err().contains("held an unfinished replay of other files; it is discarded"), err());
        assertEquals(2, recordings(o));
    }

    @Test
    void a_journal_in_use_by_another_shadowrec_is_refused() throws IOException {
        Path a = TestPcaps.capture("sip-udp-g711u").resolve("capture.pcap");
        Path o = tmp.resolve("o");
        Path journal = tmp.resolve("journal");
        try (PacketJournal other = PacketJournal.open(journal)) {
            assertEquals(Main.BAD_INPUT, run("replay", a.toString(), "--out", o.toString(), "--journal",
                    journal.toString(), "--quiet"));
            assertTrue(err().contains("is in use by another shadowrec"), err());
            assertEquals(0, recordings(o));
            assertEquals(-1, other.lastIndex(), "nothing appended into the journal of the other one");
        }
        assertEquals(Main.OK, run("replay", a.toString(), "--out", o.toString(), "--journal", journal.toString(),
                "--quiet"), err());
        assertEquals(1, recordings(o));
    }

    private static long recordings(Path o) throws IOException {
        try (Stream<Path> s = Files.list(o)) {
            return s.filter(p -> Files.exists(p.resolve("recording.json"))).count();
        }
    }
}
