package org.shadowrec.correlator.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingListener;
import org.shadowrec.correlator.api.RecordingSink;
import org.shadowrec.rtp.api.MixerConfig;
import org.shadowrec.rtp.api.PayloadFormat;
import org.shadowrec.rtp.api.RecordingMixer;

/**
 * One recording: its id, channels, the endpoints it bound in the {@link FlowTable}, the mixer and its flows (one
 * per channel and 5-tuple), and its lifecycle. {@link State#PENDING} until the first RTP packet, then {@link
 * State#RECORDING} with an open {@link RecordingSink}, then {@link State#DONE}. Signalling decides the scheduled end
 * ({@link #endAfter}); the {@link CorrelatorEngine} applies timeouts and completes it.
 */
final class RecordingSession {
    /**
     * Endpoints one session may bind (each SDP binds RTP and RTCP): bounds what a flood of re-INVITEs with new ports
     * can hold. Further endpoints are not bound.
     */
    static final int MAX_BOUND_ENDPOINTS = 64;
    /** Flows (channel + 5-tuple) one session may feed: bounds what spoofed sources sending to a bound port can hold. */
    static final int MAX_FLOWS = 64;

    enum State { PENDING, RECORDING, DONE }

    private record FlowKey(int channel, Endpoint src, Endpoint dst) {}

    private record Pair(Endpoint src, Endpoint dst) {}

    private record ChannelFlow(int channel, RecordingMixer.Flow flow) {}

    private final String id;
    private int channels;
    private final MixerConfig mixerConfig;
    private final FlowTable table;
    private final List<Map<Integer, PayloadFormat>> formats = new ArrayList<>();
    private final Map<FlowKey, ChannelFlow> flows = new LinkedHashMap<>();
    private final Set<Endpoint> bound = new LinkedHashSet<>();
    private final Set<Pair> boundPairs = new LinkedHashSet<>();
    private SessionSignalling signalling;
    private State state = State.PENDING;
    private RecordingMixer mixer;
    private RecordingSink sink;
    private long lastRtpNanos;
    private long lastSignalNanos;
    private long endAtNanos = Long.MAX_VALUE;
    private String endReason;
    private boolean endWhenMediaStops;
    private boolean refused;
    private long queuedDeadline = Long.MAX_VALUE;
    private long flowsRefused;
    private long bindingsRefused;
    private long origin = Long.MAX_VALUE;
    private long resumedAtNanos = Long.MIN_VALUE;
    private List<RecordingMetadata.Gap> gaps;

    RecordingSession(String id, int channels, MixerConfig mixerConfig, FlowTable table, long nanos) {
        this.id = id;
        this.channels = channels;
        this.mixerConfig = mixerConfig;
        this.table = table;
        this.lastSignalNanos = nanos;
        for (int i = 0; i < channels; i++) {
            formats.add(Map.of());
        }
    }

    void signalling(SessionSignalling s) {
        this.signalling = s;
    }

    /**
     * Binds an endpoint where one party receives: packets sent to it are {@code channelIn}, packets sent from it
     * (symmetric RTP) are {@code channelOut}. Earlier endpoints stay bound until the session ends, so packets still
     * in flight to an old address after a move are kept. Returns false when the session holds
     * {@link #MAX_BOUND_ENDPOINTS} already.
     */
    boolean bind(Endpoint rtp, Endpoint rtcp, int channelIn, int channelOut) {
        if (state == State.DONE) {
            return false;
        }
        if (bound.size() + boundPairs.size() + 2 > MAX_BOUND_ENDPOINTS && !bound.contains(rtp)) {
            bindingsRefused++;
            return false;
        }
        table.bind(rtp, this, channelIn, channelOut, false);
        bound.add(rtp);
        if (rtcp != null && !rtcp.equals(rtp)) {
            table.bind(rtcp, this, channelIn, channelOut, true);
            bound.add(rtcp);
        }
        return true;
    }

    /**
     * Binds packets from {@code src} to {@code dst} (and from the RTCP source to the RTCP destination, when both are
     * given) to {@code channel}: the exact pair is matched before single endpoints. Returns false when the session
     * holds {@link #MAX_BOUND_ENDPOINTS} already.
     */
    boolean bindPair(Endpoint src, Endpoint dst, Endpoint rtcpSrc, Endpoint rtcpDst, int channel) {
        if (state == State.DONE) {
            return false;
        }
        Pair p = new Pair(src, dst);
        if (bound.size() + boundPairs.size() + 2 > MAX_BOUND_ENDPOINTS && !boundPairs.contains(p)) {
            bindingsRefused++;
            return false;
        }
        table.bindPair(src, dst, this, channel, false);
        boundPairs.add(p);
        if (rtcpSrc != null && rtcpDst != null && !(rtcpSrc.equals(src) && rtcpDst.equals(dst))) {
            table.bindPair(rtcpSrc, rtcpDst, this, channel, true);
            boundPairs.add(new Pair(rtcpSrc, rtcpDst));
        }
        return true;
    }

    /**
     * Grows the channel count to {@code n} while no recording is open (a SIPREC offer with more m-lines than the
     * INVITE announced). Returns false when the recording is already open with fewer channels.
     */
    boolean ensureChannels(int n) {
        if (n <= channels) {
            return true;
        }
        if (state != State.PENDING) {
            return false;
        }
        while (formats.size() < n) {
            formats.add(Map.of());
        }
        channels = n;
        return true;
    }

    /** Payload type meanings for the audio of {@code channel} (those of the party receiving it). */
    void formats(int channel, Map<Integer, PayloadFormat> f) {
        if (channel < 0 || channel >= channels || f.equals(formats.get(channel))) {
            return;
        }
        formats.set(channel, f);
        for (ChannelFlow cf : flows.values()) {
            if (cf.channel() == channel) {
                cf.flow().formats(f);
            }
        }
    }

    /** Opens the recording at the first RTP packet. */
    void open(RecordingListener listener, long nanos) throws IOException {
        mixer = new RecordingMixer(channels, mixerConfig);
        state = State.RECORDING;
        lastRtpNanos = nanos;
        sink = listener.open(id, channels, mixer.sampleRate());
    }

    /**
     * One RTP packet matched by {@code b}: to the bound endpoint ({@code inbound}) or from it. Returns false when the
     * mixer found it is not RTP. The flow is found in the binding's cache on every packet after the first.
     */
    boolean rtp(MediaBinding b, boolean inbound, Endpoint src, Endpoint dst, long nanos, byte[] buf, int off,
                int len) {
        RecordingMixer.Flow f;
        if (inbound) {
            if (!src.equals(b.inPeer)) {
                b.inFlow = flow(b.channelIn, src, dst);
                b.inPeer = src;
            }
            f = b.inFlow;
        } else {
            if (!dst.equals(b.outPeer)) {
                b.outFlow = flow(b.channelOut, src, dst);
                b.outPeer = dst;
            }
            f = b.outFlow;
        }
        if (f == null) {
            return true;
        }
        if (!f.packet(nanos, buf, off, len)) {
            return false;
        }
        lastRtpNanos = nanos;       // only RTP keeps the session alive against the RTP timeout
        return true;
    }

    /**
     * One RTP packet whose channel was chosen by its SSRC ({@link SsrcSplit}): no flow cache, the flow is looked up
     * by (channel, source, destination). Returns false when the mixer found it is not RTP.
     */
    boolean rtpOnChannel(int channel, Endpoint src, Endpoint dst, long nanos, byte[] buf, int off, int len) {
        RecordingMixer.Flow f = flow(channel, src, dst);
        if (f == null) {
            return true;
        }
        if (!f.packet(nanos, buf, off, len)) {
            return false;
        }
        lastRtpNanos = nanos;
        return true;
    }

    private RecordingMixer.Flow flow(int channel, Endpoint src, Endpoint dst) {
        if (channel < 0 || channel >= channels) {
            return null;
        }
        FlowKey key = new FlowKey(channel, src, dst);
        ChannelFlow cf = flows.get(key);
        if (cf == null) {
            if (flows.size() >= MAX_FLOWS) {
                flowsRefused++;
                return null;
            }
            cf = new ChannelFlow(channel, mixer.openFlow(channel, src.toString(), dst.toString()));
            flows.put(key, cf);
        }
        Map<Integer, PayloadFormat> f = formats.get(channel);
        if (!f.isEmpty()) {
            cf.flow().formats(f);
        }
        return cf.flow();
    }

    /**
     * Schedules the end at {@code atNanos} with {@code reason}, unless an end is already scheduled; an end sent by
     * the phone system replaces one that waits for the media to stop ({@link #endAfterMediaStops}).
     */
    void endAfter(String reason, long atNanos) {
        if (endReason == null || endWhenMediaStops) {
            endReason = reason;
            endAtNanos = atNanos;
            endWhenMediaStops = false;
        }
    }

    /**
     * Schedules an end that the recorder asked for (its BYE, its refusal): at {@code atNanos} at the earliest, and
     * only once the media has stopped for the BYE grace (the phone or SRC may keep streaming to it). Unless an end is
     * already scheduled.
     */
    void endAfterMediaStops(String reason, long atNanos) {
        if (endReason == null) {
            endReason = reason;
            endAtNanos = atNanos;
            endWhenMediaStops = true;
        }
    }

    /** True when the scheduled end also waits for the media to stop. */
    boolean endWhenMediaStops() {
        return endWhenMediaStops;
    }

    /** Replaces the reason of the scheduled end when it is {@code from}, keeping its time. */
    void reviseEndReason(String from, String to) {
        if (from.equals(endReason)) {
            endReason = to;
        }
    }

    /** Forgets the scheduled end (the call went on after all). */
    void cancelEnd() {
        endReason = null;
        endAtNanos = Long.MAX_VALUE;
        endWhenMediaStops = false;
    }

    /** Marks that opening this session's recording was refused (counted once per session). */
    boolean markRefused() {
        boolean first = !refused;
        refused = true;
        return first;
    }

    /** Releases the session's endpoints; the session takes no more packets. */
    void release() {
        for (Endpoint e : bound) {
            table.unbind(e, this);
        }
        bound.clear();
        for (Pair p : boundPairs) {
            table.unbindPair(p.src(), p.dst(), this);
        }
        boundPairs.clear();
        state = State.DONE;
    }

    void touchSignalling(long nanos) {
        lastSignalNanos = Math.max(lastSignalNanos, nanos);
    }

    /** Packets of new flows dropped because the session had {@link #MAX_FLOWS} already. */
    long flowsRefused() {
        return flowsRefused;
    }

    /** Announcements not bound because the session held {@link #MAX_BOUND_ENDPOINTS} already. */
    long bindingsRefused() {
        return bindingsRefused;
    }

    String id() {
        return id;
    }

    int channels() {
        return channels;
    }

    State state() {
        return state;
    }

    SessionSignalling signalling() {
        return signalling;
    }

    RecordingMixer mixer() {
        return mixer;
    }

    RecordingSink sink() {
        return sink;
    }

    long lastRtpNanos() {
        return lastRtpNanos;
    }

    long lastSignalNanos() {
        return lastSignalNanos;
    }

    /** Input position of the first message of this session (see {@code CallCorrelator.mark}). */
    long origin() {
        return origin;
    }

    void origin(long position) {
        if (origin == Long.MAX_VALUE) {
            origin = position;
        }
    }

    /** Most gaps kept per recording; later ones are merged into the last. */
    static final int MAX_GAPS = 64;

    /**
     * The sensor did not capture from {@code fromNanos} to {@code toNanos}: the gap is listed in the metadata, and
     * the RTP timeout counts from {@code toNanos} (media not seen while not capturing did not stop).
     */
    void captureGap(long fromNanos, long toNanos, String cause) {
        if (gaps == null) {
            gaps = new ArrayList<>();
        }
        RecordingMetadata.Gap g = RecordingMetadata.Gap.of(IsoTimes.format(fromNanos), IsoTimes.format(toNanos),
                (toNanos - fromNanos) / 1e9, cause);
        if (gaps.size() < MAX_GAPS) {
            gaps.add(g);
        }
        resumedAtNanos = Math.max(resumedAtNanos, toNanos);
    }

    /** Gaps in capture while this session was open, or null. */
    List<RecordingMetadata.Gap> gaps() {
        return gaps == null ? null : List.copyOf(gaps);
    }

    /** Capture time from which media inactivity counts: the last RTP, or the end of the last capture gap. */
    long inactiveSince() {
        return Math.max(lastRtpNanos, resumedAtNanos);
    }

    long endAtNanos() {
        return endAtNanos;
    }

    String endReason() {
        return endReason;
    }

    long queuedDeadline() {
        return queuedDeadline;
    }

    void queuedDeadline(long nanos) {
        this.queuedDeadline = nanos;
    }
}
