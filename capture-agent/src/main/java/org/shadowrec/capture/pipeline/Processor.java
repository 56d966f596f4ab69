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
    private long lastTick = Long.MIN_VALUE;
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
        frames++;
        bytes += wireLength;
        if (captureNanos > now) {
            now = captureNanos;
        }
        decoder.decode(captureNanos, linkType, buf, off, len, this);
        if (now - lastTick >= tickNanos || lastTick == Long.MIN_VALUE) {
            tick();
        }
    }

    private void tick() {
        lastTick = now;
        correlator.onTick(now);
        decoder.expire(now, this);
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
