package org.shadowrec.capture.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.shadowrec.capture.decode.DecodedSink;
import org.shadowrec.capture.decode.FrameDecoder;
import org.shadowrec.correlator.api.CallCorrelator;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.Transport;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipParseResult;
import org.shadowrec.storage.api.FrameHandler;
import org.shadowrec.storage.api.JournalMarker;

/**
 * The processing side: one journalled frame in, decoded layers to the SIP decoder and the call correlator. Owns all
 * call state; confined to the processing thread. Time is the frames' capture time, never a clock, so the same
 * journal always gives the same recordings.
 */
final class Processor implements FrameHandler, DecodedSink {

    /** One direction of a TCP connection. */
    private record Direction(Endpoint src, Endpoint dst) {}

    private final PipelineConfig config;
    private final FrameDecoder decoder;
    private final SipDecoder sip;
    private final CallCorrelator correlator;
    private final Counters counters = new Counters();
    private final TcpSipStreams tcp;
    private final long tickNanos;

    private long now = Long.MIN_VALUE;
    private long lastTickBucket = Long.MIN_VALUE;
    /** The last marker was a capture stop (a planned stop), not a capture start. */
    private boolean stoppedCleanly;
    private long frames;
    private long bytes;
    private long lastIndex = -1;

    Processor(PipelineConfig config, RecordingListener listener) {
        this.config = config;
        this.decoder = new FrameDecoder(config.decode());
        this.sip = new SipDecoder(config.sip());
        this.correlator = new CallCorrelator(config.correlator(), listener);
        this.tcp = new TcpSipStreams(config.sip(), config.maxTcpSipDirections(), counters, this::tcpMessage);
        this.tickNanos = config.tickInterval().toNanos();
    }

    @Override
    public void frame(long index, long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf, int off,
                      int len) {
        lastIndex = index;
        if (JournalMarker.isMarkerLinkType(linkType)) {
            marker(captureNanos, buf, off, len);
            return;
        }
        frames++;
        bytes += wireLength;
        if (captureNanos > now) {
            now = captureNanos;
        }
        correlator.mark(index);
        decoder.decode(captureNanos, linkType, buf, off, len, this);
        advance();
    }

    /**
     * Ticks at fixed multiples of the tick interval of capture time (not relative to the first frame), so that
     * processing resumed from any frame ticks at the same moments as a run that read everything.
     */
    private void advance() {
        long bucket = Math.floorDiv(now, tickNanos);
        if (bucket != lastTickBucket) {
            if (lastTickBucket != Long.MIN_VALUE) {
                tick();
            }
            lastTickBucket = bucket;
        }
    }

    private void tick() {
        correlator.onTick(now);
        decoder.expire(now, this);
    }

    /**
     * A capture start or stop written into the journal. Replay markers change nothing (a resumed replay continues at
     * the exact next frame). Live: a stop moves capture time to the stop (a tick) and completes the calls that
     * already ended in signalling; a start after frames were seen is a gap
     * in capture — cause {@code sensor-stopped} after a stop marker, else {@code sensor-crashed} — told to every open
     * call.
     */
    private void marker(long wallNanos, byte[] buf, int off, int len) {
        JournalMarker m = JournalMarker.decode(buf, off, len);
        if (m == null) {
            counters.inc("journal-marker-malformed");
            return;
        }
        counters.inc("journal-" + m.kind() + "-" + (JournalMarker.LIVE.equals(m.mode()) ? "live" : "file"));
        if (!JournalMarker.LIVE.equals(m.mode())) {
            return;
        }
        if (JournalMarker.CAPTURE_STOP.equals(m.kind())) {
            stoppedCleanly = true;
            if (now != Long.MIN_VALUE) {
                // calls already hung up complete as they are (a tick first would pad them with silence up to the
                // stop); then capture time moves to the stop for the calls still up
                correlator.completeEnded(Math.max(now, wallNanos));
                now = Math.max(now, wallNanos);
                advance();
            }
            return;
        }
        // A start does not tick: a tick when capture starts again would write audio at a moment a run without the
        // gap does not (the first frame after it ticks, as it would there).
        if (now != Long.MIN_VALUE && wallNanos > now) {
            correlator.onCaptureGap(now, wallNanos, stoppedCleanly ? "sensor-stopped" : "sensor-crashed");
        }
        stoppedCleanly = false;
    }

    @Override
    public void udp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        // The SIP check fails on the first byte of an RTP packet (0x80..0xBF), so it costs nothing on media.
        if (SipDecoder.looksLikeSip(buf, off, len)) {
            sipMessage(captureNanos, src, dst, Transport.UDP, buf, off, len);
        } else {
            correlator.onUdp(src, dst, captureNanos, buf, off, len);
        }
    }

    private void tcpMessage(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        sipMessage(captureNanos, src, dst, Transport.TCP, buf, off, len);
    }

    private void sipMessage(long captureNanos, Endpoint src, Endpoint dst, Transport transport, byte[] buf, int off,
                            int len) {
        SipParseResult result = sip.decode(buf, off, len);
        if (result instanceof SipParseResult.Parsed parsed) {
            correlator.onSip(parsed.message(), src, dst, transport, captureNanos);
        } else if (result instanceof SipParseResult.Malformed bad) {
            counters.inc("sip-malformed");
        }
    }

    @Override
    public void tcp(long captureNanos, Endpoint src, Endpoint dst, byte[] buf, int off, int len) {
        tcp.data(captureNanos, src, dst, buf, off, len);
    }

    @Override
    public void tcpGap(long captureNanos, Endpoint src, Endpoint dst) {
        tcp.gap(src, dst);
    }

    @Override
    public void tcpClosed(long captureNanos, Endpoint src, Endpoint dst, boolean reset) {
        tcp.closed(src, dst);
        if (reset) {
            correlator.onTcpReset(src, dst, captureNanos);      // evidence when a recorder's connection is reset
        }
    }

    @Override
    public void tcpRetransmission(long captureNanos, Endpoint src, Endpoint dst, long firstNanos,
                                  int transmissions) {
        correlator.onTcpRetransmission(src, dst, firstNanos, transmissions, captureNanos);
    }

    @Override
    public void icmpError(long captureNanos, Endpoint reporter, Endpoint origSrc, Endpoint origDst, String kind) {
        counters.inc("icmp-" + kind);
        if (!"time-exceeded".equals(kind)) {
            // a datagram to a recorder (SIP or media) came back undeliverable: evidence that it is dead
            correlator.onIcmpUnreachable(origSrc, origDst, kind, captureNanos);
        }
    }

    /** End of input: apply the last tick and complete every open recording with {@code reason}. */
    void finish(String reason) {
        if (now != Long.MIN_VALUE) {
            tick();
            correlator.finishAll(now, reason);
        }
    }

    long frames() {
        return frames;
    }

    long bytes() {
        return bytes;
    }

    long lastIndex() {
        return lastIndex;
    }

    /** Writes out the audio of open recordings so far (a stop): their unfinished files are playable up to here. */
    void flushOpen() {
        correlator.flushOpen();
    }

    /** The oldest journal index that re-reading must start from to rebuild the open calls; MAX_VALUE when none. */
    long oldestNeeded() {
        return correlator.oldestNeeded();
    }

    int openSessions() {
        return correlator.openSessions();
    }

    /** Every counter of the processing side, prefixed by the stage that keeps it. */
    Map<String, Long> counters() {
        Map<String, Long> all = new LinkedHashMap<>();
        prefix(all, "decode.", decoder.counters());
        prefix(all, "sip.", sip.counters());
        prefix(all, "calls.", correlator.counters());
        prefix(all, "pipeline.", counters.snapshot());
        return all;
    }

    private static void prefix(Map<String, Long> into, String prefix, Map<String, Long> from) {
        new TreeMap<>(from).forEach((k, v) -> into.put(prefix + k, v));
    }

    PipelineConfig config() {
        return config;
    }
}
