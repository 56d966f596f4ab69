package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingMetadata.Channel;
import org.shadowrec.correlator.api.RecordingMetadata.Dtmf;
import org.shadowrec.correlator.api.RecordingMetadata.Party;
import org.shadowrec.correlator.api.RecordingMetadata.PrimaryRecorder;
import org.shadowrec.correlator.api.RecordingMetadata.Sip;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.storage.api.RecordingFiles;
import org.shadowrec.storage.api.RecordingStore;
import org.shadowrec.storage.api.RecordingStoreConfig;

class RecordingStoreTest {
    private static final int RATE = 8000;

    @TempDir
    Path root;

    static RecordingMetadata metadata(String id) {
        RecordingMetadata.Stream s0 = new RecordingMetadata.Stream("0x1234abcd", "10.0.0.1:4000", "10.0.0.2:5000", "PCMU", true, 175, 0, 0, 0,
                "2026-12-02T10:00:00.020Z", "2026-12-02T10:00:03.500Z",
                List.of(new Dtmf("5", "2026-12-02T10:00:01.000Z", 120)));
        RecordingMetadata.Stream s1 = new RecordingMetadata.Stream("0x00000001", "10.0.0.2:5000", "10.0.0.1:4000", "PCMA", true, 175, 2, 1, 0,
                "2026-12-02T10:00:00.040Z", "2026-12-02T10:00:03.500Z", List.of());
        return new RecordingMetadata(RecordingMetadata.SCHEMA, id, "sip", "2026-12-02T10:00:00.000Z",
                "2026-12-02T10:00:03.500Z", 3.5, "bye", new PrimaryRecorder("10.9.9.9:5060", true,
                "2026-12-02T10:00:01.250Z", List.of("icmp-port-unreachable")),
                List.of(new Channel(0, new Party("Zoë Ünal", "sip:zoe@example.com", "+3312345678", null), List.of(s0)),
                        new Channel(1, new Party(null, "sip:bob@example.com", null, null), List.of(s1))),
                new Sip(List.of("abc@10.0.0.1"), "2026-12-02T09:59:58.000Z", null, null));
    }

    /** Writes frames {@code [from, to)} of the pattern in uneven chunks, each inside a larger array. */
    static void writePattern(RecordingSink sink, long from, long to, int channels, SplittableRandom rnd)
            throws IOException {
        long f = from;
        while (f < to) {
            int frames = (int) Math.min(to - f, 1 + rnd.nextInt(997));
            int offset = rnd.nextInt(5);
            sink.write(Wav.chunk(f, frames, channels, offset, rnd.nextInt(3)), offset, frames);
            f += frames;
        }
    }

    @Test
    void wavRoundTripOfThreeAndAHalfSecondsStereo() throws Exception {
        RecordingStore store = new RecordingStore(root);
        RecordingSink sink = store.open("call-1", 2, RATE);
        long frames = RATE * 7 / 2;
        writePattern(sink, 0, frames, 2, new SplittableRandom(1));
        sink.write(new short[8], 4, 0);
        sink.complete(metadata("call-1"));

        Path dir = root.resolve("call-1");
        assertFalse(Files.exists(dir.resolve(RecordingFiles.AUDIO_PARTIAL)));
        assertFalse(Files.exists(dir.resolve(RecordingFiles.METADATA_TEMP)));
        assertTrue(Files.exists(dir.resolve(RecordingFiles.METADATA)));
        assertEquals(44 + frames * 4, Files.size(dir.resolve(RecordingFiles.AUDIO)));
        Wav.assertPattern(Wav.read(dir.resolve(RecordingFiles.AUDIO)), 2, RATE, frames);

        assertEquals(1, store.completed());
        assertEquals(1L, store.counters().get("recordings-opened"));
        assertEquals(1L, store.counters().get("recordings-completed"));
        assertEquals(frames * 4, store.counters().get("bytes-written"));
        assertEquals(0L, store.counters().get("io-errors"));
        assertThrows(IllegalStateException.class, () -> sink.write(new short[2], 0, 1));
        assertThrows(IllegalStateException.class, () -> sink.complete(metadata("call-1")));
        assertThrows(IndexOutOfBoundsException.class, () -> store.open("other", 2, RATE).write(new short[6], 2, 2));
    }

    @Test
    void littleEndianWritesMixedWithSampleWritesGiveTheSameWav() throws Exception {
        RecordingStore store = new RecordingStore(root);
        RecordingSink sink = store.open("call-le", 2, RATE);
        assertTrue(sink.littleEndian());
        long frames = RATE * 7 / 2;
        SplittableRandom rnd = new SplittableRandom(2);
        long f = 0;
        while (f < frames) {
            int n = (int) Math.min(frames - f, 1 + rnd.nextInt(997));
            int offset = rnd.nextInt(5);
            short[] chunk = Wav.chunk(f, n, 2, offset, rnd.nextInt(3));
            if (rnd.nextBoolean()) {
                sink.write(chunk, offset, n);
            } else {
                int byteOffset = 1 + rnd.nextInt(7); // odd offsets too: bytes are copied, not samples
                byte[] le = new byte[byteOffset + chunk.length * 2];
                for (int i = 0; i < chunk.length; i++) {
                    le[byteOffset + 2 * i] = (byte) chunk[i];
                    le[byteOffset + 2 * i + 1] = (byte) (chunk[i] >> 8);
                }
                sink.writeLittleEndian(le, byteOffset + offset * 4, n, 2);
            }
            f += n;
        }
        sink.complete(metadata("call-le"));
        Path wav = root.resolve("call-le").resolve(RecordingFiles.AUDIO);
        assertEquals(44 + frames * 4, Files.size(wav));
        Wav.assertPattern(Wav.read(wav), 2, RATE, frames);
        assertEquals(frames * 4, store.counters().get("bytes-written"));
        RecordingSink other = store.open("other-le", 2, RATE);
        assertThrows(IndexOutOfBoundsException.class, () -> other.writeLittleEndian(new byte[8], 4, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> other.writeLittleEndian(new byte[8], 0, 1, 1));
    }

    @Test
    void partialFileIsAValidWavMidRecording() throws Exception {
        RecordingStore store = new RecordingStore(root, new RecordingStoreConfig(Duration.ofSeconds(1), 4096));
        RecordingSink sink = store.open("mono-and-stereo", 2, RATE);
        Path partial = root.resolve("mono-and-stereo").resolve(RecordingFiles.AUDIO_PARTIAL);

        Wav.assertPattern(Wav.read(partial), 2, RATE, 0);
        SplittableRandom rnd = new SplittableRandom(2);
        long written = RATE * 5 / 2;
        writePattern(sink, 0, written, 2, rnd);
        Wav.Read mid = Wav.read(partial);
        assertTrue(mid.frameLength() >= 2 * RATE && mid.frameLength() <= written, "frames " + mid.frameLength());
        Wav.assertPattern(mid, 2, RATE, mid.frameLength());
        assertTrue(Files.size(partial) >= 44 + mid.frameLength() * 4, "declared data is on disk");

        writePattern(sink, written, RATE * 4, 2, rnd);
        Wav.Read later = Wav.read(partial);
        assertTrue(later.frameLength() >= 3 * RATE, "frames " + later.frameLength());
        Wav.assertPattern(later, 2, RATE, later.frameLength());

        sink.complete(metadata("mono-and-stereo"));
        Wav.assertPattern(Wav.read(root.resolve("mono-and-stereo").resolve(RecordingFiles.AUDIO)), 2, RATE,
                RATE * 4);
    }

    @Test
    void defaultRefreshKeepsTheSizesAtZeroUntilTenSeconds() throws Exception {
        RecordingStore store = new RecordingStore(root);
        RecordingSink sink = store.open("long", 1, 16_000);
        Path partial = root.resolve("long").resolve(RecordingFiles.AUDIO_PARTIAL);
        SplittableRandom rnd = new SplittableRandom(3);
        writePattern(sink, 0, 16_000 * 9, 1, rnd);
        assertEquals(0, Wav.read(partial).frameLength());
        writePattern(sink, 16_000 * 9, 16_000 * 11, 1, rnd);
        Wav.Read r = Wav.read(partial);
        assertTrue(r.frameLength() >= 16_000 * 10, "frames " + r.frameLength());
        Wav.assertPattern(r, 1, 16_000, r.frameLength());
    }

    @Test
    void unsafeIdsAreRefused() throws Exception {
        RecordingStore store = new RecordingStore(root.resolve("out"));
        String[] bad = {"../x", "a/b", ".hidden", "", ".", "..", "a\\b", "x y", "é", "-lead", "a:b", "a\u0000b",
                "x".repeat(129)};
        for (String id : bad) {
            assertThrows(IllegalArgumentException.class, () -> store.open(id, 1, RATE), id);
            assertFalse(RecordingFiles.isValidId(id), id);
        }
        assertThrows(IllegalArgumentException.class, () -> store.open(null, 1, RATE));
        assertThrows(IllegalArgumentException.class, () -> store.open("ok", 0, RATE));
        assertThrows(IllegalArgumentException.class, () -> store.open("ok", 1, 0));
        try (Stream<Path> all = Files.walk(root)) {
            assertEquals(List.of(root, root.resolve("out")), all.sorted().toList(), "nothing created");
        }
        for (String id : new String[] {"a", "A-1_b.c", "0", "x".repeat(128), "sess.2026-12-02T10.00.00Z"}) {
            assertTrue(RecordingFiles.isValidId(id), id);
            store.open(id, 1, RATE).complete(metadata(id));
            assertTrue(Files.exists(root.resolve("out").resolve(id).resolve(RecordingFiles.AUDIO)), id);
        }
    }

    @Test
    void recordingJsonRoundTripsWithNullsAbsentAndDeclarationOrder() throws Exception {
        RecordingStore store = new RecordingStore(root);
        RecordingMetadata m = metadata("json-1");
        RecordingSink sink = store.open("json-1", 2, RATE);
        writePattern(sink, 0, 800, 2, new SplittableRandom(4));
        sink.complete(m);

        byte[] bytes = Files.readAllBytes(root.resolve("json-1").resolve(RecordingFiles.METADATA));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains("null"), text);
        assertTrue(text.contains("Zoë Ünal"), "UTF-8 text");
        assertTrue(text.contains("\n  \""), "pretty printed");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode tree = mapper.readTree(bytes);
        assertEquals(1, tree.get("schema").intValue());
        assertEquals(List.of("schema", "id", "kind", "start", "end", "durationSeconds", "endReason",
                "primaryRecorder", "channels", "sip"), names(tree));
        assertEquals(List.of("callIds", "invitedAt"), names(tree.get("sip")));
        assertEquals(List.of("index", "party", "streams"), names(tree.get("channels").get(1)));
        assertEquals(List.of("aor"), names(tree.get("channels").get(1).get("party")));
        assertEquals(List.of("ssrc", "src", "dst", "codec", "decoded", "packets", "lost", "duplicates", "late",
                "firstSeen", "lastSeen", "dtmf"), names(tree.get("channels").get(0).get("streams").get(0)));
        assertEquals(m, mapper.readValue(bytes, RecordingMetadata.class));
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void duplicateIdGoesToASuffixedDirectoryAndNeverOverwrites() throws Exception {
        RecordingStore store = new RecordingStore(root);
        RecordingSink first = store.open("dup", 1, RATE);
        writePattern(first, 0, 4000, 1, new SplittableRandom(5));
        first.complete(metadata("dup"));
        byte[] audio = Files.readAllBytes(root.resolve("dup").resolve(RecordingFiles.AUDIO));
        byte[] json = Files.readAllBytes(root.resolve("dup").resolve(RecordingFiles.METADATA));

        RecordingSink second = store.open("dup", 1, RATE);
        RecordingSink third = store.open("dup", 1, RATE);
        writePattern(second, 0, 100, 1, new SplittableRandom(6));
        second.complete(metadata("dup"));
        third.complete(metadata("dup"));

        assertArrayEquals(audio, Files.readAllBytes(root.resolve("dup").resolve(RecordingFiles.AUDIO)));
        assertArrayEquals(json, Files.readAllBytes(root.resolve("dup").resolve(RecordingFiles.METADATA)));
        Wav.assertPattern(Wav.read(root.resolve("dup-2").resolve(RecordingFiles.AUDIO)), 1, RATE, 100);
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("dup-2", mapper.readTree(root.resolve("dup-2").resolve(RecordingFiles.METADATA).toFile())
                .get("id").textValue());
        assertEquals("dup-3", mapper.readTree(root.resolve("dup-3").resolve(RecordingFiles.METADATA).toFile())
                .get("id").textValue());
        assertEquals(2L, store.counters().get("duplicate-id"));
        assertEquals(3L, store.completed());

        Files.createDirectory(root.resolve("empty"));
        store.open("empty", 1, RATE).complete(metadata("empty"));
        assertTrue(Files.exists(root.resolve("empty").resolve(RecordingFiles.AUDIO)), "an empty directory is reused");
        assertEquals(2L, store.counters().get("duplicate-id"));
    }

    @Test
    void aRecordingSeenAgainIsNeverWrittenTwiceAndAnUnfinishedOneIsRebuilt() throws Exception {
        RecordingStore first = new RecordingStore(root);
        RecordingSink done = first.open("done", 1, RATE);
        writePattern(done, 0, 4000, 1, new SplittableRandom(8));
        done.complete(metadata("done"));
        RecordingSink cut = first.open("cut", 1, RATE);
        writePattern(cut, 0, 8000, 1, new SplittableRandom(9)); // the process "dies" here: never completed
        byte[] audio = Files.readAllBytes(root.resolve("done").resolve(RecordingFiles.AUDIO));
        byte[] json = Files.readAllBytes(root.resolve("done").resolve(RecordingFiles.METADATA));
        Files.createDirectory(root.resolve("foreign"));
        Files.writeString(root.resolve("foreign").resolve("notes.txt"), "not ours");

        RecordingStore again = new RecordingStore(root);
        RecordingSink seen = again.open("done", 1, RATE);
        writePattern(seen, 0, 100, 1, new SplittableRandom(10));
        seen.complete(metadata("done"));
        RecordingSink rebuilt = again.open("cut", 1, RATE);
        writePattern(rebuilt, 0, 12000, 1, new SplittableRandom(11));
        rebuilt.complete(metadata("cut"));
        again.open("foreign", 1, RATE).complete(metadata("foreign"));

        assertArrayEquals(audio, Files.readAllBytes(root.resolve("done").resolve(RecordingFiles.AUDIO)));
        assertArrayEquals(json, Files.readAllBytes(root.resolve("done").resolve(RecordingFiles.METADATA)));
        assertFalse(Files.exists(root.resolve("done-2")), "a complete recording seen again makes no copy");
        Wav.assertPattern(Wav.read(root.resolve("cut").resolve(RecordingFiles.AUDIO)), 1, RATE, 12000);
        assertFalse(Files.exists(root.resolve("cut").resolve(RecordingFiles.AUDIO_PARTIAL)));
        assertEquals("not ours", Files.readString(root.resolve("foreign").resolve("notes.txt")));
        assertTrue(Files.exists(root.resolve("foreign-2").resolve(RecordingFiles.METADATA)));
        assertEquals(1L, again.counters().get("already-complete"));
        assertEquals(1L, again.counters().get("rebuilt"));
        assertEquals(1L, again.counters().get("duplicate-id"));
        assertEquals(2L, again.completed());
    }

    @Test
    void ioErrorOnCompleteIsCountedAndThrown() throws Exception {
        RecordingStore store = new RecordingStore(root);
        RecordingSink sink = store.open("gone", 1, RATE);
        writePattern(sink, 0, 1000, 1, new SplittableRandom(7));
        Files.delete(root.resolve("gone").resolve(RecordingFiles.AUDIO_PARTIAL));
        Files.delete(root.resolve("gone"));
        assertThrows(IOException.class, () -> sink.complete(metadata("gone")));
        assertEquals(1L, store.counters().get("io-errors"));
        assertEquals(0L, store.counters().get("recordings-completed"));
        assertThrows(IllegalStateException.class, () -> sink.write(new short[1], 0, 1));
    }
}
