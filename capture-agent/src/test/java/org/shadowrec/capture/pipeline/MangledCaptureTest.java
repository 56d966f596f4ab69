package org.shadowrec.capture.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shadowrec.testpcaps.TestPcaps;

/**
 * Hostile input through the whole pipeline: project captures whose frames are mangled (bytes flipped, headers and
 * SIP text garbled, frames cut short) while the pcap record structure stays valid, so every frame reaches the
 * decoders. The run must finish, nothing may escape a stage, and the damage must show in the counters.
 */
class MangledCaptureTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"sip-udp-g711u,1", "sip-udp-g711u,2", "sip-tcp-g711u,3", "sip-tcp-g711u,4",
            "sip-udp-fragmented-invite,5", "sip-udp-ipv6,6", "sip-udp-vlan,7", "sip-udp-dtmf,8"})
    void mangled_frames_are_counted_never_thrown(String name, long seed) throws Exception {
        Path original = TestPcaps.dir().resolve(name).resolve("capture.pcap");
        if (!Files.exists(original)) {
            original = TestPcaps.dir().resolve(name).resolve("capture.pcapng");
        }
        byte[] file = Files.readAllBytes(original);
        assertEquals(0xa1b2c3d4, ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(0),
                "a little-endian µs pcap");
        int mangled = mangle(file, new SplittableRandom(seed));
        Path bad = Files.write(tmp.resolve("mangled.pcap"), file);

        Path out = Files.createDirectories(tmp.resolve("out"));
        RunResult result = Replays.replay(out, tmp, bad);

        Map<String, Long> c = result.counters();
        assertTrue(mangled > 50, "mangled frames: " + mangled);
        assertEquals(0L, c.getOrDefault("decode.decoder-bug", 0L), "decoder bugs: " + c);
        long frames = c.get("decode.frames");
        assertEquals(result.frames(), frames, "every frame reached the decoder");
        long failures = c.entrySet().stream().filter(e -> isFailure(e.getKey())).mapToLong(Map.Entry::getValue)
                .sum();
        assertTrue(failures > 0, "damage is counted: " + c);
        for (Path r : Replays.recordings(out)) {
            assertTrue(Files.size(r.resolve("audio.wav")) >= 44, "a complete WAV in " + r);
        }
    }

    private static boolean isFailure(String key) {
        return key.contains("malformed") || key.contains("truncated") || key.contains("bad-") || key.contains("not-rtp")
                || key.contains("unmatched") || key.contains("non-ip") || key.contains("unsupported")
                || key.contains("not-sip") || key.contains("framing") || key.contains("invalid");
    }

    /** Mangles about a third of the frames in place; returns how many. */
    private static int mangle(byte[] file, SplittableRandom rnd) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        int count = 0;
        while (pos + 16 <= file.length) {
            int incl = b.getInt(pos + 8);
            int data = pos + 16;
            if (incl < 0 || data + incl > file.length) {
                break;
            }
            if (incl > 0 && rnd.nextInt(3) == 0) {
                count++;
                switch (rnd.nextInt(4)) {
                    case 0 -> { // flip a few bytes anywhere
                        for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
                            file[data + rnd.nextInt(incl)] ^= (byte) (1 + rnd.nextInt(255));
                        }
                    }
                    case 1 -> { // garble the headers (link, IP, UDP/TCP)
                        for (int i = 0; i < Math.min(incl, 64); i++) {
                            if (rnd.nextInt(6) == 0) {
                                file[data + i] = (byte) rnd.nextInt(256);
                            }
                        }
                    }
                    case 2 -> { // garble the payload (SIP text, RTP header)
                        for (int i = Math.min(incl, 42); i < incl; i++) {
                            if (rnd.nextInt(10) == 0) {
                                file[data + i] = (byte) rnd.nextInt(256);
                            }
                        }
                    }
                    default -> { // cut the frame short: captured length shrinks, record stays aligned
                        int keep = rnd.nextInt(incl + 1);
                        for (int i = keep; i < incl; i++) {
                            file[data + i] = 0;
                        }
                        b.putInt(pos + 8, keep);
                        System.arraycopy(file, data + incl, file, data + keep, file.length - data - incl);
                        int shrink = incl - keep;
                        byte[] tail = new byte[shrink];
                        System.arraycopy(tail, 0, file, file.length - shrink, shrink);
                        incl = keep;
                        // the file keeps its length: trailing zero bytes form an incomplete record at the end,
                        // which the reader reports as a truncated file
                    }
                }
            }
            pos = data + incl;
        }
        return count;
    }
}
