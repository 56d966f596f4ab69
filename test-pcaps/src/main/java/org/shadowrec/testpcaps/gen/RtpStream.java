package org.shadowrec.testpcaps.gen;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One RTP direction (RFC 3550 §5.1 fixed header, 20 ms G.711 packets), produced lazily in capture order: packet
 * slot k is captured at {@code first + k × 20 ms + jitter(k)}, jitter uniform in ±2 ms from the seed. Impairments
 * move packets between slots (swap), remove them (drop) or add a copy 0.5 ms later (duplicate).
 */
final class RtpStream implements Iterator<Packet> {
    static final long PACKET_NANOS = 20_000_000L;
    static final int SAMPLES = 160;
    static final int TELEPHONE_EVENT_PT = 101;
    static final long DUPLICATE_DELAY_NANOS = 500_000L;
    private static final int JITTER_NANOS = 2_000_000;

    /**
     * What the stream carries.
     *
     * @param src        sender
     * @param dst        receiver
     * @param sport      sender RTP port
     * @param dport      receiver RTP port
     * @param codec      G.711 law
     * @param ssrc       RTP SSRC
     * @param seq0       sequence number of packet 0
     * @param ts0        RTP timestamp of packet 0
     * @param slots      packets sent
     * @param firstNanos nominal capture time of slot 0
     * @param jitterSeed seed of the per-slot jitter
     * @param impairments network effects
     * @param tone       one second (8,000 samples) of the encoded tone
     * @param dtmf       telephone events replacing audio packets (digits may be empty)
     * @param ipId0      IPv4 identification of packet 0
     */
    record Spec(Host src, Host dst, int sport, int dport, Codec codec, long ssrc, int seq0, long ts0, int slots,
                long firstNanos, long jitterSeed, Impairments impairments, byte[] tone, Dtmf dtmf, int ipId0) {
    }

    private final Spec spec;
    private final Frames frames;
    private final ArrayDeque<Packet> pending = new ArrayDeque<>(2);
    private int slot;

    RtpStream(Spec spec, Frames frames) {
        this.spec = spec;
        this.frames = frames;
    }

    /** @return capture time of wire slot {@code k} */
    static long slotNanos(Spec s, int k) {
        long jitter = Math.floorMod(Seeds.mix(s.jitterSeed(), k), 2L * JITTER_NANOS + 1) - JITTER_NANOS;
        return s.firstNanos() + k * PACKET_NANOS + jitter;
    }

    /** @return {first, last} capture time of the stream as the network delivers it */
    static long[] firstLast(Spec s) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int k = 0; k < s.slots(); k++) {
            int p = s.impairments().packetAt(k);
            if (s.impairments().drop().contains(p)) {
                continue;
            }
            long t = slotNanos(s, k);
            first = Math.min(first, t);
            last = Math.max(last, s.impairments().duplicate().contains(p) ? t + DUPLICATE_DELAY_NANOS : t);
        }
        return new long[] {first, last};
    }

    @Override
    public boolean hasNext() {
        fill();
        return !pending.isEmpty();
    }

    @Override
    public Packet next() {
        fill();
        if (pending.isEmpty()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    private void fill() {
        Impairments imp = spec.impairments();
        while (pending.isEmpty() && slot < spec.slots()) {
            int k = slot++;
            int p = imp.packetAt(k);
            if (imp.drop().contains(p)) {
                continue;
            }
            long t = slotNanos(spec, k);
            byte[] frame = frames.udp(spec.src(), spec.dst(), spec.sport(), spec.dport(), rtp(p),
                    (spec.ipId0() + p) & 0xFFFF);
            pending.add(new Packet(t, frame));
            if (imp.duplicate().contains(p)) {
                pending.add(new Packet(t + DUPLICATE_DELAY_NANOS, frame));
            }
        }
    }

    private byte[] rtp(int p) {
        int digit = spec.dtmf().digitAt(p);
        boolean marker;
        int pt;
        long ts;
        byte[] payload;
        int payloadOff;
        int payloadLen;
        if (digit >= 0) {
            marker = Dtmf.isFirst(p, digit);
            pt = TELEPHONE_EVENT_PT;
            ts = spec.ts0() + (long) Dtmf.startSlot(digit) * SAMPLES;
            payload = spec.dtmf().payload(digit, p);
            payloadOff = 0;
            payloadLen = payload.length;
        } else {
            marker = p == 0;
            pt = spec.codec().payloadType();
            ts = spec.ts0() + (long) p * SAMPLES;
            payload = spec.tone();
            payloadOff = (p * SAMPLES) % payload.length;
            payloadLen = SAMPLES;
        }
        ByteBuffer b = ByteBuffer.allocate(12 + payloadLen);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) (spec.seq0() + p))
                .putInt((int) ts).putInt((int) spec.ssrc()).put(payload, payloadOff, payloadLen);
        return b.array();
    }
}
