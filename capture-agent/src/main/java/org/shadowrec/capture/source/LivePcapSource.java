package org.shadowrec.capture.source;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.RawPacketListener;
import org.shadowrec.capture.api.CaptureException;
import org.shadowrec.capture.api.FrameConsumer;
import org.shadowrec.capture.api.PacketSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live interface through libpcap (pcap4j 1.8, the only class of the project that touches it). {@link #run} is
 * {@code pcap_loop(-1)} with a {@link RawPacketListener}: on the same thread, right after each packet, pcap4j sets
 * the packet's timestamp and original length as thread-locals of the handle ({@link PcapHandle#getTimestamp()},
 * {@link PcapHandle#getOriginalLength()}), which the listener reads before handing the bytes on. Nothing else happens
 * on the capture thread.
 *
 * <p>Timestamps are nanosecond-precision when the interface supports it ({@code pcap_set_tstamp_precision}),
 * microsecond otherwise ({@link #nanosecondTimestamps()}). {@link #breakLoop()} is {@code pcap_breakloop}, which
 * libpcap ≥ 1.10 also uses to wake a blocked read; the read timeout bounds the wait on older versions. Drops are
 * polled every 10 s by a daemon thread and logged when they changed, and once more when {@code run} ends.
 */
public final class LivePcapSource implements PacketSource {
    private static final Logger LOG = LoggerFactory.getLogger(LivePcapSource.class);
    private static final long DROP_LOG_PERIOD_SECONDS = 10;

    private final LiveCaptureOptions options;
    private final PcapHandle handle;
    private final int linkType;
    private final boolean nanos;
    private final DropMonitor drops;
    private volatile boolean stopRequested;
    private volatile long frames;
    private volatile long bytesRead;
    private boolean ran;

    private LivePcapSource(LiveCaptureOptions options, PcapHandle handle) {
        this.options = options;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.nanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
        this.drops = new DropMonitor(options.interfaceName(), handle);
    }

    /**
     * Opens and activates the interface and installs the filter, so that every user error shows up here.
     *
     * @throws CaptureException unknown interface (the message lists the available ones), no permission, bad BPF
     *                          filter (quoting libpcap), interface down, libpcap missing
     */
    public static LivePcapSource open(LiveCaptureOptions options) throws CaptureException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(options.interfaceName())
                    .snaplen(options.snaplen())
                    .promiscuousMode(options.promiscuous() ? PromiscuousMode.PROMISCUOUS
                            : PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(options.readTimeoutMillis())
                    .bufferSize(options.bufferBytes())
                    .immediateMode(options.immediate())
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)  // falls back to MICRO if unsupported
                    .build();
        } catch (PcapNativeException e) {
            throw LiveCaptureErrors.activation(options.interfaceName(), e);
        } catch (LinkageError e) {
            throw LiveCaptureErrors.libpcapMissing(e);
        }
        if (options.filter() != null) {
            try {
                handle.setFilter(options.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException e) {
                handle.close();
                throw LiveCaptureErrors.badFilter(options.interfaceName(), options.filter(), e);
            } catch (NotOpenException e) {
                throw new IllegalStateException("handle closed while opening", e);
            }
        }
        return new LivePcapSource(options, handle);
    }

    /** LINKTYPE_* of the interface ({@code pcap_datalink}). */
    public int linkType() {
        return linkType;
    }

    /** Whether timestamps carry nanoseconds (else microseconds × 1000). */
    public boolean nanosecondTimestamps() {
        return nanos;
    }

    /** The drop counters (package-private: tests drive the periodic log check directly). */
    DropMonitor drops() {
        return drops;
    }

    @Override
    public void run(FrameConsumer consumer) throws CaptureException {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("run() was already called on " + name());
            }
            ran = true;
        }
        Listener listener = new Listener(consumer);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drops-" + name());
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(drops::pollAndLogIfChanged, DROP_LOG_PERIOD_SECONDS, DROP_LOG_PERIOD_SECONDS,
                TimeUnit.SECONDS);
        try {
            if (!stopRequested) {
                handle.loop(-1, listener);
            }
        } catch (InterruptedException e) {
            // pcap_loop returned PCAP_ERROR_BREAK: breakLoop() was called; a normal end, not a thread interrupt
        } catch (NotOpenException e) {
            // closed from another thread: a normal end
        } catch (PcapNativeException e) {
            throw new CaptureException("capture on " + name() + " failed: " + e.getMessage(), e);
        } finally {
            ticker.shutdownNow();
            drops.poll();
            LOG.info("{}: capture ended: {} frames, {} received by the kernel, {} dropped by the kernel, {} by the "
                    + "interface", name(), frames, drops.received(), drops.dropped(), drops.droppedByInterface());
        }
        if (listener.failure != null) {
            throwUnchecked(listener.failure);
        }
    }

    /** The one object on the capture thread's path: timestamp, original length, bytes → consumer. */
    private final class Listener implements RawPacketListener {
        private final FrameConsumer consumer;
        private Throwable failure;
        private long count;
        private long total;

        Listener(FrameConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public void gotPacket(byte[] packet) {
            if (failure != null) {
                return;
            }
            try {
                Timestamp ts = handle.getTimestamp();
                long captureNanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                consumer.frame(captureNanos, 0, linkType, handle.getOriginalLength(), packet, 0, packet.length);
                frames = ++count;
                total += packet.length;
                bytesRead = total;
            } catch (RuntimeException | Error e) {
                // a consumer bug: thrown into native code it would be swallowed, so stop and rethrow from run()
                failure = e;
                breakLoop();
            }
        }
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void breakLoop() {
        stopRequested = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed: nothing is looping
        }
    }

    @Override
    public Map<String, Long> stats() {
        if (handle.isOpen()) {
            drops.poll();
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("frames", frames);
        stats.put("bytes-read", bytesRead);
        stats.put("received-kernel", drops.received());
        stats.put("dropped-kernel", drops.dropped());
        stats.put("dropped-interface", drops.droppedByInterface());
        return stats;
    }

    @Override
    public String name() {
        return options.interfaceName();
    }

    /**
     * Stops a running loop and waits for it to leave libpcap, then closes the handle. Call it from outside the
     * consumer: the handle's lock cannot be taken for closing by the thread that is inside the loop.
     */
    @Override
    public void close() {
        breakLoop();
        if (handle.isOpen()) {
            drops.poll();
            handle.close();
        }
    }

    private static void throwUnchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }
}
