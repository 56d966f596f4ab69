package org.shadowrec.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.storage.api.RecordingFiles;
import org.shadowrec.storage.api.RecordingStore;
import org.shadowrec.storage.api.RecordingStoreConfig;

/**
 * A store that finishes recordings on its I/O thread writes exactly the files a store finishing them inline writes,
 * and after {@link RecordingStore#close()} every completed recording is final and counted.
 */
class BackgroundFinishTest {
    @TempDir
    Path tmp;

    private static void record(RecordingStore store, String id, long seed) throws Exception {
        RecordingSink sink = store.open(id, 2, 8000);
        RecordingStoreTest.writePattern(sink, 0, 8000L * 3 + 123, 2, new SplittableRandom(seed));
        sink.complete(RecordingStoreTest.metadata(id));
    }

    @Test
    void background_and_inline_finishing_write_the_same_files() throws Exception {
        Path inline = tmp.resolve("inline");
        Path background = tmp.resolve("background");
        try (RecordingStore a = new RecordingStore(inline, RecordingStoreConfig.defaults(), false)) {
            for (int i = 0; i < 20; i++) {
                record(a, "rec-" + i, i);
            }
        }
        RecordingStore b = new RecordingStore(background, RecordingStoreConfig.defaults(), true);
        for (int i = 0; i < 20; i++) {
            record(b, "rec-" + i, i);
        }
        b.close();
        assertEquals(20, b.completed());
        assertEquals(20L, b.counters().get("recordings-completed"));
        assertEquals(0L, b.counters().get("io-errors"));
        for (int i = 0; i < 20; i++) {
            Path x = inline.resolve("rec-" + i);
            Path y = background.resolve("rec-" + i);
            assertFalse(Files.exists(y.resolve(RecordingFiles.AUDIO_PARTIAL)), "no partial left");
            assertArrayEquals(Files.readAllBytes(x.resolve(RecordingFiles.AUDIO)),
                    Files.readAllBytes(y.resolve(RecordingFiles.AUDIO)));
            assertArrayEquals(Files.readAllBytes(x.resolve(RecordingFiles.METADATA)),
                    Files.readAllBytes(y.resolve(RecordingFiles.METADATA)));
        }
        b.close(); // idempotent
        assertTrue(Files.isDirectory(background));
    }
}
