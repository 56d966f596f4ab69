package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.capture.api.CaptureException;

class PcapFileSourceTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LINUX_SLL = 113;

    @TempDir
    Path dir;

    /** What one run of a source produced. */
    record Result(Frames frames, String problem, Map<String, Long> stats) {
    }

    Result read(byte[] file, int window) throws Exception {
        Path p = Files.write(dir.resolve("f" + System.nanoTime() + ".cap"), file);
        try (PcapFileSource source = PcapFileSource.open(p, window)) {
            Frames frames = new Frames();
            source.run(frames);
            return new Result(frames, source.problem(), source.stats());
        }
    }

    Result read(byte[] file) throws Exception {
        return read(file, MappedWindow.DEFAULT_WINDOW);
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    static void assertFrame(Frames.Frame f, long nanos, int ifIndex, int linkType, int wire, byte[] data) {
        assertEquals(nanos, f.nanos(), "timestamp");
        assertEquals(ifIndex, f.ifIndex(), "ifIndex");
        assertEquals(linkType, f.linkType(), "link type");
        assertEquals(wire, f.wireLength(), "wire length");
        assertArrayEquals(data, f.data(), "frame bytes");
    }

    @ParameterizedTest(name = "{0} nanos={1}")
    @CsvSource({"LITTLE_ENDIAN,false,1", "BIG_ENDIAN,false,113", "LITTLE_ENDIAN,true,101", "BIG_ENDIAN,true,1"})
    void classic_pcap_in_both_byte_orders_and_resolutions(String orderName, boolean nanos, int linkType)
            throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? BE : LE;
        byte[] a = bytes(60, 1);
        byte[] b = bytes(3, 2);
        byte[] c = new byte[0];
        byte[] file = CaptureBytes.pcap(order, nanos, 65535, linkType)
                .record(1_700_000_000L, nanos ? 123_456_789 : 123_456, a, 60)
                .record(0xFFFF_FFFFL, nanos ? 999_999_999 : 999_999, b, 1514)
                .record(0, 0, c, 0)
                .bytes();
        for (int window : new int[] {MappedWindow.DEFAULT_WINDOW, 20, 1}) {
            Result r = read(file, window);
            assertNull(r.problem());
            assertEquals(3, r.frames().size());
            long mult = nanos ? 1 : 1000;
            assertFrame(r.frames().get(0), 1_700_000_000_000_000_000L + (nanos ? 123_456_789 : 123_456) * mult, 0,
                    linkType, 60, a);
            assertFrame(r.frames().get(1), 4_294_967_295_000_000_000L + (nanos ? 999_999_999 : 999_999) * mult, 0,
                    linkType, 1514, b);
            assertFrame(r.frames().get(2), 0, 0, linkType, 0, c);
            assertEquals(Map.of("frames", 3L, "bytes-read", (long) file.length, "bytes-total", (long) file.length),
                    r.stats());
        }
    }

    @Test
    void classic_captured_length_above_snaplen_is_corruption_after_the_good_frames() throws Exception {
        byte[] ok = bytes(64, 3);
        byte[] file = CaptureBytes.pcap(LE, false, 64, LINKTYPE_ETHERNET)
                .record(10, 1, ok, 64).record(11, 2, bytes(65, 4), 65).record(12, 3, ok, 64).bytes();
        Result r = read(file);
        assertEquals(1, r.frames().size());
        assertFrame(r.frames().get(0), 10_000_001_000L, 0, LINKTYPE_ETHERNET, 64, ok);
        assertEquals("corrupt packet record at offset 104: captured length 65 exceeds the snapshot length 64",
                r.problem());
    }

    @Test
    void classic_captured_length_above_256_KiB_is_corruption_even_with_a_larger_snaplen() throws Exception {
        byte[] file = CaptureBytes.pcap(BE, false, 0x7FFF_FFFF, LINKTYPE_ETHERNET).record(1, 0, bytes(4, 1), 4)
                .bytes();
        byte[] tooBig = CaptureBytes.pcap(BE, false, 0x7FFF_FFFF, LINKTYPE_ETHERNET).record(1, 0, bytes(4, 1), 4)
                .record(2, 0, new byte[256 * 1024 + 1], 300_000).bytes();
        assertNull(read(file).problem());
        Result r = read(tooBig);
        assertEquals(1, r.frames().size());
        assertEquals("corrupt packet record at offset 44: captured length 262145 exceeds the snapshot length 262144",
                r.problem());
    }

    @Test
    void pcapng_two_interfaces_with_different_link_types_resolutions_and_offset() throws Exception {
        byte[] a = bytes(42, 5);
        byte[] b = bytes(77, 6);
        byte[] c = bytes(5, 7);
        byte[] file = CaptureBytes.pcapng().section(LE)
                .interfaceBlock(LINKTYPE_ETHERNET, 0, null, null)                   // µs by default
                .interfaceBlock(LINKTYPE_LINUX_SLL, 262144, 9, 10L)                  // ns, +10 s
                .enhancedPacket(0, 1_700_000_000_123_456L, a, 60)
                .block(0x00000BAD, bytes(7, 8))                                      // custom block: skipped
                .block(4, bytes(16, 9))                                              // name resolution: skipped
                .enhancedPacket(1, 1_700_000_000_987_654_321L, b, 1500)
                .block(5, bytes(20, 10))                                             // statistics: skipped
                .simplePacket(c, 5)                                                  // interface 0, no timestamp
                .bytes();
        for (int window : new int[] {MappedWindow.DEFAULT_WINDOW, 28, 1}) {
            Result r = read(file, window);
            assertNull(r.problem());
            assertEquals(3, r.frames().size());
            assertFrame(r.frames().get(0), 1_700_000_000_123_456_000L, 0, LINKTYPE_ETHERNET, 60, a);
            assertFrame(r.frames().get(1), 1_700_000_010_987_654_321L, 1, LINKTYPE_LINUX_SLL, 1500, b);
            assertFrame(r.frames().get(2), 1_700_000_010_987_654_321L, 0, LINKTYPE_ETHERNET, 5, c);
            assertEquals(file.length, r.stats().get("bytes-read"));
        }
    }

    @Test
    void pcapng_sections_with_different_byte_orders_each_have_their_own_interfaces() throws Exception {
        byte[] a = bytes(20, 11);
        byte[] b = bytes(21, 12);
        byte[] c = bytes(10, 13);
        byte[] file = CaptureBytes.pcapng()
                .section(LE).interfaceBlock(LINKTYPE_ETHERNET, 0, null, null).interfaceBlock(LINKTYPE_RAW, 0, 3, null)
                .enhancedPacket(1, 1_700_000_000_001L, a, 20)                       // ms resolution
                .section(BE).interfaceBlock(LINKTYPE_RAW, 4, 0x80 | 20, -5L)        // 2^-20 s, -5 s, snaplen 4
                .enhancedPacket(0, (1_700_000_000L << 20) | (1 << 19), b, 21)       // x.5 s
                .enhancedPacket(0, (1_700_000_000L << 20) | 1, b, 21)               // 1/2^20 s = 953.67 ns
                .simplePacket(c, 10)                                                // captured: snaplen 4
                .bytes();
        Result r = read(file);
        assertNull(r.problem());
        assertEquals(4, r.frames().size());
        assertFrame(r.frames().get(0), 1_700_000_000_001_000_000L, 1, LINKTYPE_RAW, 20, a);
        assertFrame(r.frames().get(1), 1_699_999_995_500_000_000L, 0, LINKTYPE_RAW, 21, b);
        assertFrame(r.frames().get(2), 1_699_999_995_000_000_953L, 0, LINKTYPE_RAW, 21, b);
        assertFrame(r.frames().get(3), 1_699_999_995_000_000_953L, 0, LINKTYPE_RAW, 10,
                new byte[] {c[0], c[1], c[2], c[3]});
    }

    @Test
    void pcapng_interfaces_do_not_carry_over_into_the_next_section() throws Exception {
        byte[] a = bytes(8, 14);
        byte[] file = CaptureBytes.pcapng()
                .section(BE).interfaceBlock(LINKTYPE_ETHERNET, 0, null, null).interfaceBlock(LINKTYPE_RAW, 0, null, null)
                .enhancedPacket(1, 7, a, 8)
                .section(LE).interfaceBlock(LINKTYPE_ETHERNET, 0, null, null)
                .enhancedPacket(1, 8, a, 8)
                .bytes();
        Result r = read(file);
        assertEquals(1, r.frames().size());
        assertFrame(r.frames().get(0), 7_000L, 1, LINKTYPE_RAW, 8, a);
        int secondEpb = 28 + 24 + 24 + 40 + 28 + 24;            // SHB, IDB, IDB, EPB, SHB, IDB
        assertEquals("corrupt enhanced packet block at offset " + secondEpb
                + ": interface 1 is not declared (the section has 1)", r.problem());
    }

    @Test
    void pcapng_resolutions_finer_than_a_nanosecond_truncate() throws Exception {
        byte[] a = bytes(1, 15);
        byte[] file = CaptureBytes.pcapng().section(LE)
                .interfaceBlock(LINKTYPE_ETHERNET, 0, 12, null)                     // picoseconds
                .interfaceBlock(LINKTYPE_ETHERNET, 0, 0x80 | 40, null)              // 2^-40 s
                .interfaceBlock(LINKTYPE_ETHERNET, 0, 0, 1_700_000_000L)            // whole seconds
                .enhancedPacket(0, 123_456_789_012_345L, a, 1)
                .enhancedPacket(1, (3L << 40) | (1L << 39) | 1L, a, 1)
                .enhancedPacket(2, 2, a, 1)
                .bytes();
        Result r = read(file);
        assertNull(r.problem());
        assertEquals(123_456_789_012L, r.frames().get(0).nanos());
        assertEquals(3_500_000_000L, r.frames().get(1).nanos());
        assertEquals(1_700_000_002_000_000_000L, r.frames().get(2).nanos());
    }

    @Test
    void pcapng_unsupported_resolution_and_block_length_mismatch_are_named_with_their_offset() throws Exception {
        byte[] a = bytes(4, 16);
        byte[] badResol = CaptureBytes.pcapng().section(LE).interfaceBlock(1, 0, null, null)
                .enhancedPacket(0, 1, a, 4).interfaceBlock(1, 0, 19, null).bytes();
        Result r = read(badResol);
        assertEquals(1, r.frames().size());
        assertEquals("corrupt interface description block at offset 88: unsupported if_tsresol 0x13", r.problem());

        byte[] mismatch = CaptureBytes.pcapng().section(BE).interfaceBlock(1, 0, null, null)
                .enhancedPacket(0, 1, a, 4).enhancedPacket(0, 2, a, 4).bytes();
        mismatch[mismatch.length - 1] = 99;                                         // trailing length of EPB 2
        r = read(mismatch);
        assertEquals(1, r.frames().size());
        assertEquals("corrupt enhanced packet block at offset 88: block total length 36 but the trailing copy says 99",
                r.problem());
    }

    @Test
    void pcapng_obsolete_packet_block_is_read_like_an_enhanced_one() throws Exception {
        byte[] a = bytes(6, 20);
        byte[] body = java.nio.ByteBuffer.allocate(20 + 8).order(BE)
                .putShort((short) 1).putShort((short) 0)                            // interface 1, drops 0
                .putInt(0).putInt(1_234_567)                                        // timestamp, µs by default
                .putInt(6).putInt(70).put(a).array();                               // captured 6, wire 70, data
        byte[] file = CaptureBytes.pcapng().section(BE).interfaceBlock(1, 0, null, null)
                .interfaceBlock(LINKTYPE_RAW, 0, null, null).block(2, body).bytes();
        Result r = read(file);
        assertNull(r.problem());
        assertEquals(1, r.frames().size());
        assertFrame(r.frames().get(0), 1_234_567_000L, 1, LINKTYPE_RAW, 70, a);
    }

    @Test
    void pcapng_damage_messages_name_the_block_and_its_offset() throws Exception {
        byte[] a = bytes(4, 19);
        CaptureBytes good = CaptureBytes.pcapng().section(LE).interfaceBlock(1, 0, null, null).enhancedPacket(0, 5, a, 4);
        int next = good.size();                                                     // 88
        byte[] badLength = good.bytes().clone();
        badLength = java.util.Arrays.copyOf(badLength, next + 16);
        java.nio.ByteBuffer.wrap(badLength).order(LE).putInt(next, 0x0BAD).putInt(next + 4, 13);
        assertEquals("corrupt block of type 0x00000bad at offset 88: block total length 13 is invalid (a multiple "
                + "of 4, at least 12)", read(badLength).problem());

        byte[] badMagic = CaptureBytes.pcapng().section(LE).interfaceBlock(1, 0, null, null).enhancedPacket(0, 5, a, 4)
                .section(BE).bytes();
        badMagic[next + 8] = 0x1B;
        Result r = read(badMagic);
        assertEquals(1, r.frames().size());
        assertEquals("corrupt section header block at offset 88: byte-order magic is 1b2b3c4d, not 1a2b3c4d",
                r.problem());

        byte[] cut = java.util.Arrays.copyOf(good.bytes(), next - 1);
        assertEquals("truncated enhanced packet block at offset 52: header says 36 bytes, 35 remain",
                read(cut).problem());

        byte[] noInterface = CaptureBytes.pcapng().section(BE).simplePacket(a, 4).bytes();
        assertEquals("corrupt simple packet block at offset 28: no interface is declared in this section",
                read(noInterface).problem());
    }

    @Test
    void file_over_2_GiB_is_read_across_map_windows() throws Exception {
        byte[] a = bytes(30, 17);
        byte[] b = bytes(31, 18);
        long hugeBody = (2L << 30) + (100L << 20);                                  // 2.1 GiB custom block
        byte[] head = CaptureBytes.pcapng().section(LE).interfaceBlock(LINKTYPE_ETHERNET, 0, 9, null)
                .enhancedPacket(0, 1_000, a, 30).bytes();
        byte[] tail = CaptureBytes.pcapng().section(BE).interfaceBlock(LINKTYPE_RAW, 0, 9, null)
                .enhancedPacket(0, 2_000, b, 31).bytes();
        Path p = dir.resolve("huge.pcapng");
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(head));
            long length = 12 + hugeBody;
            var hdr = java.nio.ByteBuffer.allocate(8).order(LE).putInt(0x0BAD).putInt((int) length).flip();
            ch.write(hdr);
            long trailerAt = head.length + length - 4;
            ch.write(java.nio.ByteBuffer.allocate(4).order(LE).putInt(0, (int) length), trailerAt);
            ch.write(java.nio.ByteBuffer.wrap(tail), trailerAt + 4);
        }
        long size = Files.size(p);
        assertTrue(size > (2L << 30));
        try (PcapFileSource source = PcapFileSource.open(p)) {
            Frames frames = new Frames();
            source.run(frames);
            assertNull(source.problem());
            assertEquals(2, frames.size());
            assertFrame(frames.get(0), 1_000, 0, LINKTYPE_ETHERNET, 30, a);
            assertFrame(frames.get(1), 2_000, 0, LINKTYPE_RAW, 31, b);
            assertEquals(size, source.stats().get("bytes-read"));
            assertEquals(size, source.stats().get("bytes-total"));
        }
    }

    @Test
    void missing_file_names_the_path() {
        Path missing = dir.resolve("no-such-capture.pcap");
        CaptureException e = assertThrows(CaptureException.class, () -> PcapFileSource.open(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void directory_empty_file_text_and_gzip_are_refused_with_a_reason() throws IOException {
        assertTrue(assertThrows(CaptureException.class, () -> PcapFileSource.open(dir)).getMessage()
                .contains("is a directory"));
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertTrue(assertThrows(CaptureException.class, () -> PcapFileSource.open(empty)).getMessage()
                .endsWith("is empty"));
        Path text = Files.write(dir.resolve("notes.pcap"), "hello world".getBytes(StandardCharsets.US_ASCII));
        assertEquals("capture file " + text + " is not a pcap or pcapng capture (starts with 68 65 6c 6c)",
                assertThrows(CaptureException.class, () -> PcapFileSource.open(text)).getMessage());
        Path gz = Files.write(dir.resolve("c.pcap.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        assertTrue(assertThrows(CaptureException.class, () -> PcapFileSource.open(gz)).getMessage()
                .contains("gunzip"));
        Path tiny = Files.write(dir.resolve("tiny.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3});
        assertTrue(assertThrows(CaptureException.class, () -> PcapFileSource.open(tiny)).getMessage()
                .contains("(starts with d4 c3)"));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 23})
    void classic_file_header_cut_short_is_a_capture_exception(int length) throws IOException {
        byte[] whole = CaptureBytes.pcap(LE, false, 65535, 1).bytes();
        Path p = Files.write(dir.resolve("short.pcap"), java.util.Arrays.copyOf(whole, length));
        try (PcapFileSource source = PcapFileSource.open(p)) {
            CaptureException e = assertThrows(CaptureException.class, () -> source.run(new Frames()));
            assertEquals("capture file " + p + " is not usable: truncated pcap file header at offset 0: "
                    + "24 bytes needed, " + length + " remain", e.getMessage());
        } catch (CaptureException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void break_loop_from_the_consumer_stops_after_that_frame() throws Exception {
        CaptureBytes w = CaptureBytes.pcap(LE, true, 65535, 1);
        for (int i = 0; i < 100; i++) {
            w.record(i, 0, bytes(10, i), 10);
        }
        Path p = Files.write(dir.resolve("stop.pcap"), w.bytes());
        try (PcapFileSource source = PcapFileSource.open(p)) {
            Frames frames = new Frames();
            source.run((t, ifi, lt, wl, buf, off, len) -> {
                frames.frame(t, ifi, lt, wl, buf, off, len);
                if (frames.size() == 7) {
                    source.breakLoop();
                }
            });
            assertEquals(7, frames.size());
            assertNull(source.problem());
            assertEquals(7L, source.stats().get("frames"));
            assertEquals(24L + 7 * 26, source.stats().get("bytes-read"));
        }
    }

    @Test
    void break_loop_from_another_thread_returns_promptly_and_stats_move_meanwhile() throws Exception {
        int total = 200_000;
        CaptureBytes w = CaptureBytes.pcap(BE, false, 65535, 1);
        byte[] data = bytes(20, 1);
        for (int i = 0; i < total; i++) {
            w.record(i, 0, data, 20);
        }
        Path p = Files.write(dir.resolve("slow.pcap"), w.bytes());
        try (PcapFileSource source = PcapFileSource.open(p)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] delivered = new long[1];
            Thread capture = new Thread(() -> {
                try {
                    source.run((t, ifi, lt, wl, buf, off, len) -> {
                        delivered[0]++;
                        LockSupport.parkNanos(20_000);                               // a slow consumer
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            capture.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (source.stats().get("frames") < 2 * FileProgress.PUBLISH_EVERY && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(source.stats().get("bytes-read") > 24);
            long asked = System.nanoTime();
            source.breakLoop();
            capture.join(2_000);
            long tookMillis = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(!capture.isAlive(), "run() still going 2 s after breakLoop()");
            assertNull(failure.get());
            assertTrue(tookMillis < 500, "took " + tookMillis + " ms");
            assertTrue(delivered[0] < total, "delivered everything: breakLoop had no effect");
            assertEquals(delivered[0], source.stats().get("frames"));
        }
    }

    @Test
    void run_twice_is_a_programming_error() throws Exception {
        Path p = Files.write(dir.resolve("once.pcap"), CaptureBytes.pcap(LE, false, 100, 1).bytes());
        try (PcapFileSource source = PcapFileSource.open(p)) {
            source.run(new Frames());
            assertThrows(IllegalStateException.class, () -> source.run(new Frames()));
            assertEquals("once.pcap", source.name());
        }
    }
}
