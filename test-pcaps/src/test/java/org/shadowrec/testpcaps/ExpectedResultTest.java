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
            assertFalse(e.recordings().isEmpty(), "recordings in " + f);
            for (ExpectedResult.Recording r : e.recordings()) {
                checkRecording(f, e, r);
            }
        }
    }

    /** Generator captures (no kind): exactly one call, ±4.5 ms jitter; SIPp captures: real pacing, ±100 ms. */
    private static void checkRecording(Path f, ExpectedResult e, ExpectedResult.Recording r) {
        boolean generated = r.kind() == null;
        if (generated) {
            assertEquals(r, e.single(), "one call per generated capture");
            assertEquals(2, r.channels().size());
        } else {
            assertTrue(List.of("sip", "bib", "siprec").contains(r.kind()), "kind " + r.kind() + " in " + f);
            assertTrue(r.channels().size() >= 2, "channels in " + f);
        }
        assertFalse(r.callId().isBlank());
        // a recorder killed mid-call never answers the BYE
        boolean killed = r.primaryRecorder() != null && r.primaryRecorder().killedAt() != null;
        assertEquals(killed ? "bye-unanswered" : "bye", r.endReason(), "endReason in " + f);
        assertTrue(r.inviteInstant().isBefore(r.byeInstant()), "INVITE before BYE");
        for (ExpectedResult.Channel ch : r.channels()) {
            ExpectedResult.Stream s = ch.streams().get(0);
            assertTrue(r.inviteInstant().isBefore(s.firstSeenInstant()), "media after the INVITE");
            assertTrue(s.lastSeenInstant().isBefore(r.byeInstant()), "media before the BYE");
            double span = java.time.Duration.between(s.firstSeenInstant(), s.lastSeenInstant()).toNanos() / 1e9;
            assertEquals(r.audioSeconds() - 0.020, span, generated ? 0.0045 : 0.100,
                    "capture span ~ audioSeconds - 20 ms (jitter)");
        }
        int[] tones = {440, 1000, 1500};
        for (ExpectedResult.Channel ch : r.channels()) {
            assertEquals(tones[ch.index()], ch.toneHz(), "tone of channel " + ch.index() + " in " + f);
        }
        if (generated || r.bib() != null) {
            assertEquals("1001", r.channel(0).party().number());
        }
        for (ExpectedResult.Channel ch : r.channels()) {
            ExpectedResult.Stream s = ch.streams().get(0);
            assertTrue(s.ssrc().matches("0x[0-9A-F]{8}"), s.ssrc());
            assertEquals(Math.round(r.audioSeconds() * 50), s.packets() + s.lost(), "sent = 50/s x seconds");
        }
    }

    @Test
    void readsTheBibAndSiprecExtensions(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("expected.yaml");
        Files.writeString(f, """
                capture: capture.pcap
                format: pcap-us-le
                packets: 12
                recordings:
                  - callId: "a@cucm"
                    kind: bib
                    callIds: ["a@cucm", "b@cucm"]
                    bib:
                      clusterId: "CL1"
                      refci: "11"
                      farendRefci: "12"
                      nearEnd: { device: "SEP1", addr: "1001" }
                      farEnd: { device: "SEP2", addr: "1002" }
                    channels:
                      - { index: 0, toneHz: 440, party: { number: "1001", device: "SEP1" } }
                  - callId: "c@sbc"
                    kind: siprec
                    siprec:
                      sessionId: "hVpd7YQgRW2nD22h7q60JQ=="
                      dialect: rfc7865
                      participants: [ { name: "Alice", aor: "sip:alice@example.com" }, { aor: "sip:bob@example.com" } ]
                    related: [ { recording: 0, reason: "same-near-end-device" } ]
                    attempts:
                      - { recorder: "127.0.0.21:5060", callId: "c@sbc", invites: 4, answered: false, icmpUnreachable: 4 }
                      - { recorder: "127.0.0.22:5060", callId: "c@sbc", invites: 1, answered: true, icmpUnreachable: 0 }
                """);
        ExpectedResult e = ExpectedResult.load(f);
        ExpectedResult.Recording bib = e.recordings().get(0);
        assertEquals("bib", bib.kindOrSip());
        assertEquals(List.of("a@cucm", "b@cucm"), bib.allCallIds());
        assertEquals("12", bib.bib().farendRefci());
        assertEquals("SEP2", bib.bib().farEnd().device());
        assertEquals("SEP1", bib.channel(0).party().device());
        assertEquals(null, bib.siprec());
        assertTrue(bib.attempts().isEmpty() && bib.related().isEmpty());
        ExpectedResult.Recording siprec = e.recordings().get(1);
        assertEquals(List.of("c@sbc"), siprec.allCallIds());
        assertEquals("rfc7865", siprec.siprec().dialect());
        assertEquals(null, siprec.siprec().participants().get(1).name());
        assertEquals(0, siprec.related().get(0).recording());
        assertFalse(siprec.attempts().get(0).answered());
        assertEquals(4, siprec.attempts().get(0).icmpUnreachable());
        assertEquals("sip", ExpectedResult.load(writeMinimal(tmp)).single().kindOrSip(), "absent kind = sip");
    }

    private static Path writeMinimal(Path tmp) throws IOException {
        return Files.writeString(tmp.resolve("minimal.yaml"), "capture: c.pcap\nrecordings: [ { callId: x } ]\n");
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
