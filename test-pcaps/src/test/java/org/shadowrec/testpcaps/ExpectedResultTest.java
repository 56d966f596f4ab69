package org.shadowrec.testpcaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectedResultTest {

    @Test
    void loadsEveryCommittedExpectedYaml() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TestPcaps.dir())) {
            files = s.map(d -> d.resolve("expected.yaml")).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.size() >= 10, "committed captures: " + files);
        for (Path f : files) {
            ExpectedResult e = ExpectedResult.load(f);
            assertTrue(Files.isRegularFile(f.resolveSibling(e.capture())), "capture named by " + f);
            ExpectedResult.Recording r = e.single();
            assertFalse(r.callId().isBlank());
            assertEquals("bye", r.endReason());
            assertEquals(2, r.channels().size());
            assertTrue(r.inviteInstant().isBefore(r.byeInstant()), "INVITE before BYE");
            for (ExpectedResult.Channel ch : r.channels()) {
                ExpectedResult.Stream s = ch.streams().get(0);
                assertTrue(r.inviteInstant().isBefore(s.firstSeenInstant()), "media after the INVITE");
                assertTrue(s.lastSeenInstant().isBefore(r.byeInstant()), "media before the BYE");
                double span = java.time.Duration.between(s.firstSeenInstant(), s.lastSeenInstant()).toNanos() / 1e9;
                assertEquals(r.audioSeconds() - 0.020, span, 0.0045, "capture span ~ audioSeconds - 20 ms (jitter)");
            }
            assertEquals(440, r.channel(0).toneHz());
            assertEquals(1000, r.channel(1).toneHz());
            assertEquals("1001", r.channel(0).party().number());
            for (ExpectedResult.Channel ch : r.channels()) {
                ExpectedResult.Stream s = ch.streams().get(0);
                assertTrue(s.ssrc().matches("0x[0-9A-F]{8}"), s.ssrc());
                assertEquals(Math.round(r.audioSeconds() * 50), s.packets() + s.lost(), "sent = 50/s x seconds");
            }
        }
    }

    @Test
    void readsTheSchemaAndRejectsUnknownKeys(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("expected.yaml");
        Files.writeString(f, """
                capture: capture.pcap
                format: pcap-us-le
                packets: 12
                recordings:
                  - callId: "abc@host"
                    fromTag: "f1"
                    endReason: bye
                    audioSeconds: 8.000
                    channels:
                      - index: 0
                        toneHz: 440
                        party: { number: "1001" }
                        streams: [ { ssrc: "0x1234ABCD", src: "10.0.0.10:40000", dst: "10.0.0.20:50000", codec: PCMU, packets: 400, lost: 0, duplicates: 0 } ]
                    dtmf:
                      - { channel: 0, digit: "#", event: 11, offsetSeconds: 1.5, durationMs: 100, rtpTimestamp: 4000000000 }
                """);
        ExpectedResult e = ExpectedResult.load(f);
        assertEquals(0x1234ABCDL, e.single().channel(0).streams().get(0).ssrcValue());
        assertEquals(400, e.single().channel(0).streams().get(0).packets());
        assertEquals(8.0, e.single().audioSeconds());
        assertEquals(4_000_000_000L, e.single().dtmf().get(0).rtpTimestamp());
        assertEquals("#", e.single().dtmf().get(0).digit());

        Files.writeString(f, "capture: capture.pcap\nrecordingz: []\n");
        assertThrows(UncheckedIOException.class, () -> ExpectedResult.load(f));
    }
}
