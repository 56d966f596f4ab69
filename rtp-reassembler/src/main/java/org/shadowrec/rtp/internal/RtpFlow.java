package org.shadowrec.rtp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shadowrec.rtp.api.PayloadFormat;
import org.shadowrec.rtp.api.RecordingMixer;

/**
 * One transport flow (its 5-tuple is the caller's key) feeding one channel. Runs the per-packet pipeline, one step
 * per method: {@link RtpView} parse → stream by SSRC within this flow → duplicate and sequence accounting → payload
 * type → DTMF, or placement then decode into the channel. Never throws for packet content; never allocates per
 * packet (a new SSRC allocates its stream once).
 */
public final class RtpFlow implements RecordingMixer.Flow {

    /** Most SSRCs one flow may carry; packets of further SSRCs are counted and dropped (bounds memory). */
    public static final int MAX_STREAMS_PER_FLOW = 32;

    private final MixerCore core;
    // What the per-packet path needs from the recording, held here so that a packet does not also read the core's
    // and the timeline's lines to find them.
    private final Counters counters;
    private final Timeline timeline;
    private final ChannelBuffer out;
    private final long resyncSamples;
    private final int channel;
    private final String src;
    private final String dst;
    // Allocated right after the flow, so the per-packet writes to the view land next to the flow's own fields
    // instead of in a line of the recording's shared state (one view per flow costs ~40 bytes).
    private final RtpView view = new RtpView();
    private final PayloadTable payloads = new PayloadTable();
    private final List<RtpStream> streams = new ArrayList<>();
    private RtpStream current;
    // The last payload type's table entries: a flow's packets nearly all carry one type, so the table's arrays stay
    // out of the per-packet working set. Reset by formats().
    private int cachedType = -1;
    private PayloadKind cachedKind;
    private int cachedClock;
    // The two counters every packet moves, kept in this flow's own line rather than in the recording's counter
    // array (two more lines per packet); MixerCore adds them up for the snapshot.
    private long rtpPackets;
    private long decodedPackets;

    public RtpFlow(MixerCore core, int channel, String src, String dst) {
        this.core = core;
        this.counters = core.counters();
        this.timeline = core.timeline();
        this.out = timeline.channel(channel);
        this.resyncSamples = core.resyncSamples();
        this.channel = channel;
        this.src = src;
        this.dst = dst;
    }

    /** Valid RTP packets of this flow (duplicates included): its share of {@link Counter#RTP}. */
    long rtpPackets() {
        return rtpPackets;
    }

    /** Packets of this flow decoded into the mix: its share of {@link Counter#DECODED}. */
    long decodedPackets() {
        return decodedPackets;
    }

    @Override
    public void formats(Map<Integer, PayloadFormat> formats) {
        payloads.formats(formats);
        cachedType = -1;
    }

    @Override
    public boolean packet(long captureNanos, byte[] buf, int off, int len) {
        Counters counters = this.counters;
        RtpView view = this.view;
        RtpCheck check = view.wrap(buf, off, len);
        if (check == RtpCheck.RTCP) {
            counters.add(Counter.RTCP);
            return false;
        }
        if (check != RtpCheck.OK) {
            counters.add(Counter.NOT_RTP);
            counters.add(Counter.notRtpReason(check));
            return false;
        }
        rtpPackets++;
        RtpStream stream = stream(view.ssrc(), captureNanos);
        if (stream == null) {
            counters.add(Counter.TOO_MANY_STREAMS);
            return true;
        }
        long arrivalPos = timeline.arrival(captureNanos);
        stream.seen(captureNanos);
        if (!sequence(stream, view.sequenceNumber())) {
            return true;
        }
        int pt = view.payloadType();
        stream.countType(pt);
        if (pt != cachedType) {
            cachedKind = payloads.kind(pt);
            cachedClock = payloads.clockRate(pt);
            cachedType = pt;
        }
        PayloadKind kind = cachedKind;
        if (kind == PayloadKind.TELEPHONE_EVENT) {
            dtmf(stream, view, captureNanos, cachedClock);
        } else {
            place(stream, view, kind, cachedClock, arrivalPos);
        }
        return true;
    }

    /** The stream of {@code ssrc} on this flow; a new SSRC starts a new stream. Null when the flow is full. */
    private RtpStream stream(long ssrc, long captureNanos) {
        if (current != null && current.ssrc() == ssrc) {
            return current;
        }
        for (int i = 0; i < streams.size(); i++) {
            RtpStream s = streams.get(i);
            if (s.ssrc() == ssrc) {
                current = s;
                return s;
            }
        }
        if (streams.size() >= MAX_STREAMS_PER_FLOW) {
            return null;
        }
        RtpStream s = new RtpStream(ssrc, src, dst, payloads, captureNanos);
        streams.add(s);
        core.register(channel, s);
        current = s;
        return s;
    }

    /** Sequence accounting; false when the packet is a duplicate and must be dropped. */
    private boolean sequence(RtpStream stream, int seq) {
        SeqVerdict verdict = stream.sequence().update(seq);
        switch (verdict) {
            case DUPLICATE -> {
                stream.duplicate();
                counters.add(Counter.DUPLICATE);
                return false;
            }
            case JUMP -> counters.add(Counter.SEQ_JUMP);
            case RESTART -> counters.add(Counter.SEQ_RESTART);
            default -> { }
        }
        return true;
    }

    private void dtmf(RtpStream stream, RtpView view, long captureNanos, int clockRate) {
        boolean ok = stream.dtmf().packet(captureNanos, view.timestamp(), clockRate, view);
        counters.add(ok ? Counter.TELEPHONE_EVENT : Counter.TELEPHONE_EVENT_MALFORMED);
    }

    /** Places an audio or comfort-noise packet on the timeline and decodes it into the channel. */
    private void place(RtpStream stream, RtpView view, PayloadKind kind, int clockRate, long arrivalPos) {
        Counters counters = this.counters;
        if (view.payloadLength() == 0) {
            counters.add(Counter.EMPTY_PAYLOAD);
            return;
        }
        Timeline timeline = this.timeline;
        int outRate = timeline.sampleRate();
        long ts = view.timestamp();
        if (kind.audio()) {
            stream.audioPacket(stream.sequence().lastExtended(), ts);
        }
        long before = stream.clock().resyncs();
        long pos = stream.clock().place(ts, clockRate, arrivalPos, outRate, resyncSamples);
        if (stream.clock().resyncs() != before) {
            counters.add(Counter.RESYNC);
        }
        int samples = samples(stream, view, kind, clockRate, outRate);
        switch (timeline.reserve(pos, samples)) {
            case LATE -> {
                stream.late();
                counters.add(Counter.LATE);
                return;
            }
            case TOO_FAR_AHEAD -> {
                counters.add(Counter.TOO_FAR_AHEAD);
                return;
            }
            case OK -> { }
        }
        timeline.placed(pos + samples);
        ChannelBuffer out = this.out;
        switch (kind) {
            case PCMU -> out.mixG711(pos, G711.ulawTable(), view.buffer(), view.payloadOffset(),
                    view.payloadLength(), clockRate, outRate);
            case PCMA -> out.mixG711(pos, G711.alawTable(), view.buffer(), view.payloadOffset(),
                    view.payloadLength(), clockRate, outRate);
            case COMFORT_NOISE -> counters.add(Counter.COMFORT_NOISE);
            default -> counters.add(Counter.UNDECODED);
        }
        if (kind.decoded()) {
            decodedPackets++;
        }
    }

    /** Output samples a packet covers: G.711 one per byte; comfort noise none; others the stream's packet span. */
    private static int samples(RtpStream stream, RtpView view, PayloadKind kind, int clockRate, int outRate) {
        return switch (kind) {
            case PCMU, PCMA -> (int) ((long) view.payloadLength() * outRate / clockRate);
            case COMFORT_NOISE, TELEPHONE_EVENT -> 0;
            case UNDECODED -> (int) (stream.spanTicks(clockRate) * outRate / clockRate);
        };
    }
}
