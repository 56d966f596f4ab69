package org.shadowrec.capture.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shadowrec.capture.api.CaptureException;

/** Live capture on the loopback interface (Linux frames it as Ethernet, DLT 1). */
class LivePcapSourceTest {
    private static final int PORT = 45_999;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int HEADERS = 14 + 20 + 8;                                 // Ethernet, IPv4, UDP

    @BeforeEach
    void needsLiveCapture() {
        LiveCapture.assumeAvailable();
    }

    /** Runs {@code source} on a new thread; failures come back through {@code failure}. */
    static Thread start(LivePcapSource source, Frames frames, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                source.run((ts, ifi, lt, wl, buf, off, len) -> {
                    synchronized (frames) {
                        frames.frame(ts, ifi, lt, wl, buf, off, len);
                    }
                });
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "capture-test");
        t.start();
        return t;
    }

    @Test
    void udp_datagrams_on_loopback_arrive_complete_in_order_with_timestamps() throws Exception {
        LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port " + PORT);
        try (LivePcapSource source = LivePcapSource.open(options);
             DatagramSocket socket = new DatagramSocket()) {
            assertEquals(LINKTYPE_ETHERNET, source.linkType());
            assertTrue(source.nanosecondTimestamps(), "Linux packet sockets support nanosecond timestamps");
            Frames frames = new Frames();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread capture = start(source, frames, failure);
            List<byte[]> sent = new ArrayList<>();
            long before = System.currentTimeMillis() * 1_000_000L;
            for (int i = 0; i < 200; i++) {
                byte[] payload = ("shadowrec live datagram " + i + " " + "x".repeat(i % 17))
                        .getBytes(StandardCharsets.US_ASCII);
                sent.add(payload);
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), PORT));
            }
            long after = System.currentTimeMillis() * 1_000_000L;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                synchronized (frames) {
                    if (frames.size() >= 200) {
                        break;
                    }
                }
                Thread.sleep(10);
            }
            source.breakLoop();
            capture.join(2_000);
            assertFalse(capture.isAlive(), "run() did not return after breakLoop()");
            assertNull(failure.get());
            assertEquals(200, frames.size());
            long previous = 0;
            for (int i = 0; i < 200; i++) {
                Frames.Frame f = frames.get(i);
                byte[] payload = sent.get(i);
                assertEquals(LINKTYPE_ETHERNET, f.linkType());
                assertEquals(0, f.ifIndex());
                assertEquals(HEADERS + payload.length, f.data().length, "frame " + i);
                assertEquals(f.data().length, f.wireLength());
                assertArrayEquals(payload, Arrays.copyOfRange(f.data(), HEADERS, f.data().length), "frame " + i);
                assertEquals(0x0800, ((f.data()[12] & 0xFF) << 8) | (f.data()[13] & 0xFF), "IPv4 ethertype");
                assertTrue(f.nanos() >= before - 1_000_000_000L && f.nanos() <= after + 1_000_000_000L,
                        "frame " + i + " at " + f.nanos() + " outside [" + before + ", " + after + "]");
                assertTrue(f.nanos() >= previous, "timestamps go back at frame " + i);
                previous = f.nanos();
            }
            assertEquals(200L, source.stats().get("frames"));
            assertEquals(frames.list.stream().mapToLong(f -> f.data().length).sum(),
                    source.stats().get("bytes-read"));
            assertTrue(source.stats().get("received-kernel") >= 200, source.stats().toString());
            assertEquals(0L, source.stats().get("dropped-kernel"));
        }
    }

    @Test
    void snaplen_cuts_the_frame_and_the_wire_length_comes_from_the_packet_header() throws Exception {
        LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port " + PORT).withSnaplen(100)
                .withImmediate(true).withPromiscuous(false);
        try (LivePcapSource source = LivePcapSource.open(options);
             DatagramSocket socket = new DatagramSocket()) {
            Frames frames = new Frames();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread capture = start(source, frames, failure);
            byte[] payload = new byte[300];
            Arrays.fill(payload, (byte) 0x5A);
            socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), PORT));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (source.stats().get("frames") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            source.breakLoop();
            capture.join(2_000);
            assertNull(failure.get());
            assertEquals(1, frames.size());
            assertEquals(100, frames.get(0).data().length);
            assertEquals(HEADERS + 300, frames.get(0).wireLength());
        }
    }

    @Test
    void kernel_drops_show_in_stats_when_nobody_reads_a_small_buffer() throws Exception {
        LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port " + (PORT - 2))
                .withBufferBytes(256 * 1024);
        try (LivePcapSource source = LivePcapSource.open(options);
             DatagramSocket socket = new DatagramSocket()) {
            byte[] payload = new byte[1200];
            for (int i = 0; i < 3_000; i++) {                                      // 3.6 MB into a 256 KiB ring
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), PORT - 2));
            }
            assertTrue(source.drops().pollAndLogIfChanged(), "drops went from 0 to some: logged");
            assertFalse(source.drops().pollAndLogIfChanged(), "no new drops: not logged again");
            var stats = source.stats();
            assertTrue(stats.get("dropped-kernel") > 0, stats.toString());
            assertTrue(stats.get("received-kernel") >= stats.get("dropped-kernel"), stats.toString());
            assertEquals(0L, stats.get("frames"));
        }
    }

    @ParameterizedTest(name = "immediate={0}")
    @ValueSource(booleans = {false, true})
    void break_loop_on_an_idle_interface_returns_within_2_seconds(boolean immediate) throws Exception {
        LiveCaptureOptions options = LiveCaptureOptions.of("lo").withFilter("udp port " + (PORT - 1))
                .withImmediate(immediate).withReadTimeoutMillis(1_000);
        try (LivePcapSource source = LivePcapSource.open(options)) {
            Frames frames = new Frames();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread capture = start(source, frames, failure);
            Thread.sleep(1_500);                                                    // blocked in poll() by now
            assertTrue(capture.isAlive(), "run() returned on its own");
            long asked = System.nanoTime();
            source.breakLoop();
            capture.join(2_000);
            long tookMillis = (System.nanoTime() - asked) / 1_000_000;
            assertFalse(capture.isAlive(), "run() still blocked 2 s after breakLoop()");
            assertNull(failure.get());
            assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms");
            assertEquals(0, frames.size());
        }
    }

    @Test
    void break_loop_before_run_makes_run_return_at_once() throws Exception {
        try (LivePcapSource source = LivePcapSource.open(LiveCaptureOptions.of("lo").withFilter("udp port 45998"))) {
            source.breakLoop();
            long start = System.nanoTime();
            source.run(new Frames());
            assertTrue(System.nanoTime() - start < 1_000_000_000L);
        }
    }

    @Test
    void a_consumer_exception_stops_the_loop_and_comes_out_of_run() throws Exception {
        try (LivePcapSource source = LivePcapSource.open(LiveCaptureOptions.of("lo").withFilter("udp port " + PORT)
                .withImmediate(true));
             DatagramSocket socket = new DatagramSocket()) {
            byte[] payload = "boom".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), PORT));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.run(
                    (ts, ifi, lt, wl, buf, off, len) -> {
                        throw new IllegalStateException("consumer bug");
                    }));
            assertEquals("consumer bug", e.getMessage());
        }
    }

    @Test
    void unknown_interface_lists_the_available_ones() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> LivePcapSource.open(LiveCaptureOptions.of("nosuchif0")));
        assertTrue(e.getMessage().startsWith("no capture interface named 'nosuchif0'; available: "), e.getMessage());
        assertTrue(Arrays.asList(e.getMessage().replaceFirst(".*available: ", "").split(", ")).contains("lo"),
                e.getMessage());
    }

    @Test
    void bad_filter_quotes_the_filter_and_libpcap() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> LivePcapSource.open(LiveCaptureOptions.of("lo").withFilter("udp portt 5")));
        assertTrue(e.getMessage().startsWith("bad capture filter \"udp portt 5\" for lo: "), e.getMessage());
        assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
    }
}
