package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.capture.api.CaptureException;

/**
 * Random corruption (fixed seed, 2,000 mutations of a classic and a pcapng file): the reader throws nothing but
 * {@link CaptureException}, always ends, delivers at most one frame per 12 bytes, never a frame over 256 KiB, and
 * allocates little per file (no array sized from a corrupt length field).
 */
class PcapFileFuzzTest {
    private static final int MUTATIONS = 2_000;
    private static final int[] INTERESTING = {0, 1, 3, 4, 12, 16, 28, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        0xFFFF_FFFC, 0x0004_0000, 0x0004_0001, 0x1A2B_3C4D, 0x4D3C_2B1A, 0x0A0D_0D0A, 6, 3, 2, 1};

    @TempDir
    Path dir;

    static byte[] pcapngSeed() {
        return CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, 0, 9, 3L).interfaceBlock(113, 64, 0x80 | 10, null)
                .enhancedPacket(0, 1000, PcapFileSourceTest.bytes(40, 1), 40)
                .block(5, PcapFileSourceTest.bytes(16, 2))
                .enhancedPacket(1, 2000, PcapFileSourceTest.bytes(33, 3), 60)
                .simplePacket(PcapFileSourceTest.bytes(9, 4), 9)
                .section(ByteOrder.BIG_ENDIAN).interfaceBlock(101, 0, null, null)
                .enhancedPacket(0, 3000, PcapFileSourceTest.bytes(20, 5), 20)
                .block(0x0BAD, PcapFileSourceTest.bytes(11, 6))
                .bytes();
    }

    static byte[] classicSeed() {
        CaptureBytes w = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 200, 1);
        for (int i = 0; i < 8; i++) {
            w.record(i, i * 1000, PcapFileSourceTest.bytes(10 + 9 * i, i), 10 + 9 * i);
        }
        return w.bytes();
    }

    @Test
    void random_corruption_never_throws_hangs_or_allocates_much() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(20_261_202L);
            byte[][] seeds = {pcapngSeed(), classicSeed()};
            Path p = dir.resolve("fuzz.cap");
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long threadId = Thread.currentThread().getId();
            for (byte[] seed : seeds) {                                       // warm up: class loading, logging
                for (int cut : new int[] {seed.length, seed.length - 1}) {
                    Files.write(p, Arrays.copyOf(seed, cut));
                    try (PcapFileSource source = PcapFileSource.open(p)) {
                        source.run(new Frames());
                    }
                }
            }
            int capture = 0;
            int problems = 0;
            for (int n = 0; n < MUTATIONS; n++) {
                byte[] file = mutate(seeds[n % 2], random);
                Files.write(p, file);
                long before = threads.getThreadAllocatedBytes(threadId);
                long[] seen = new long[1];
                try (PcapFileSource source = PcapFileSource.open(p)) {
                    source.run((t, ifi, lt, wl, buf, off, len) -> {
                        seen[0]++;
                        assertTrue(len >= 0 && len <= FileReader.MAX_FRAME && off + len <= buf.length);
                    });
                    problems += source.problem() == null ? 0 : 1;
                } catch (CaptureException e) {
                    capture++;
                } catch (Throwable t) {
                    fail("mutation " + n + " threw " + t + " on " + Arrays.toString(file), t);
                }
                long allocated = threads.getThreadAllocatedBytes(threadId) - before;
                assertTrue(seen[0] <= file.length / 12, "mutation " + n + ": " + seen[0] + " frames");
                assertTrue(allocated < 2 << 20, "mutation " + n + " allocated " + allocated + " bytes");
            }
            // the mutations reach all three outcomes (clean, damaged, unusable); otherwise the fuzz is too weak
            assertTrue(capture > 50 && problems > 500 && capture + problems < MUTATIONS,
                    "capture exceptions " + capture + ", problems " + problems);
        });
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int ops = 1 + random.nextInt(3);
        for (int k = 0; k < ops; k++) {
            switch (random.nextInt(5)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 2 -> {
                    int at = random.nextInt(Math.max(1, b.length / 4)) * 4;
                    if (at + 4 > b.length) {
                        continue;
                    }
                    ByteBuffer.wrap(b).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                            .putInt(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                }
                case 3 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                default -> {
                    int from = random.nextInt(b.length);
                    int len = random.nextInt(b.length - from + 1);
                    byte[] grown = Arrays.copyOf(b, b.length + len);
                    System.arraycopy(b, from, grown, b.length, len);
                    b = grown;
                }
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }
}
