package org.shadowrec.testpcaps.gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Plans one call: its identity from the seed, its signalling packets (a handful, built eagerly) and its two RTP
 * streams (lazy). Times relative to the call start T:
 *
 * <pre>
 *   T+0 INVITE · T+5 ms 100 · T+50 ms 180 · T+1000 ms 200 OK · T+1010 ms ACK
 *   T+1040 ms first RTP slot, both directions, N slots of 20 ms (± 2 ms jitter)
 *   E = T+1040 ms + N × 20 ms: BYE at E+20 ms, 200 OK at E+25 ms
 * </pre>
 *
 * SIP over TCP adds the handshake before the INVITE, pure ACKs, a retransmitted ACK segment at T+1210 ms and FINs
 * after the last 200 OK.
 */
final class SipCall {
    static final int SIP_PORT = 5060;
    static final int TONE_CALLER_HZ = 440;
    static final int TONE_CALLEE_HZ = 1000;
    static final int MTU = 1500;
    static final int PADDED_INVITE_BYTES = 2000;
    private static final long MS = 1_000_000L;
    private static final long MEDIA_OFFSET = 1040 * MS;
    private static final int CALLS_PER_ADDRESS_BLOCK = 5000;

    /**
     * A planned call.
     *
     * @param signalling SIP packets in capture order
     * @param caller     caller → callee RTP
     * @param callee     callee → caller RTP
     * @param facts      what a recorder must find
     */
    record Plan(List<Packet> signalling, RtpStream caller, RtpStream callee, CallFacts facts) {
    }

    private SipCall() {
    }

    static Plan plan(CaptureOptions o, int index, ToneCache tones) {
        Random r = new Random(Seeds.mix(o.seed(), index, 1));
        int block = index / CALLS_PER_ADDRESS_BLOCK;
        int slotInBlock = index % CALLS_PER_ADDRESS_BLOCK;
        Host caller = Host.of(address(o.ipv6(), block, 10), (block << 8) | 0x0A);
        Host callee = Host.of(address(o.ipv6(), block, 20), (block << 8) | 0x14);
        int callerRtp = 40000 + 2 * slotInBlock;
        int calleeRtp = 50000 + 2 * slotInBlock;
        String callerNumber = String.valueOf(1001 + 2 * index);
        String calleeNumber = String.valueOf(1002 + 2 * index);
        boolean tcp = o.sipTransport() == SipTransport.TCP;
        String callId = hex(r, 16) + "@" + caller.sipHost();
        String fromTag = hex(r, 8);
        String toTag = hex(r, 8);
        String[] branches = {"z9hG4bK" + hex(r, 10), "z9hG4bK" + hex(r, 10), "z9hG4bK" + hex(r, 10)};
        long[] sessionIds = {1_000_000_000L + r.nextInt(1_000_000_000), 1_000_000_000L + r.nextInt(1_000_000_000)};
        SipMessages.Dialog d = new SipMessages.Dialog(caller, callee, callerNumber, calleeNumber, "Alice", "Bob",
                callerRtp, calleeRtp, o.codec(), tcp, callId, fromTag, toTag, branches, sessionIds);

        long callerSsrc = r.nextInt() & 0xFFFF_FFFFL;
        long calleeSsrc;
        do {
            calleeSsrc = r.nextInt() & 0xFFFF_FFFFL;
        } while (calleeSsrc == callerSsrc);
        int slots = o.packetsPerDirection();
        Dtmf dtmf = new Dtmf(o.dtmfDigits());
        if (dtmf.endSlot() > slots) {
            throw new IllegalArgumentException("DTMF digits need " + dtmf.endSlot() * 20 + " ms of media");
        }
        checkImpairments(o.callerImpairments(), slots);
        checkImpairments(o.calleeImpairments(), slots);
        long t0 = o.start().getEpochSecond() * 1_000_000_000L + o.start().getNano()
                + (long) index * o.staggerMillis() * MS;
        long mediaStart = t0 + MEDIA_OFFSET;
        Frames frames = new Frames(o.vlans().stream().mapToInt(Integer::intValue).toArray());
        RtpStream.Spec callerSpec = new RtpStream.Spec(caller, callee, callerRtp, calleeRtp, o.codec(), callerSsrc,
                r.nextInt(65536), r.nextInt() & 0xFFFF_FFFFL, slots, mediaStart, r.nextLong(),
                o.callerImpairments(), tones.tone(TONE_CALLER_HZ, o.codec()), dtmf, r.nextInt(65536));
        RtpStream.Spec calleeSpec = new RtpStream.Spec(callee, caller, calleeRtp, callerRtp, o.codec(), calleeSsrc,
                r.nextInt(65536), r.nextInt() & 0xFFFF_FFFFL, slots, mediaStart, r.nextLong(),
                o.calleeImpairments(), tones.tone(TONE_CALLEE_HZ, o.codec()), new Dtmf(""), r.nextInt(65536));

        long mediaEnd = mediaStart + slots * RtpStream.PACKET_NANOS;
        long byeAt = mediaEnd + 20 * MS;
        int[] ipIds = {r.nextInt(65536), r.nextInt(65536)};
        List<Packet> sig = tcp
                ? tcpSignalling(d, frames, t0, byeAt, ipIds, 49152 + r.nextInt(16384), r.nextInt(), r.nextInt())
                : udpSignalling(d, frames, t0, byeAt, ipIds, o.fragmentInvite());

        List<CallFacts.Digit> digits = new ArrayList<>();
        for (int k = 0; k < dtmf.digits().length(); k++) {
            int start = Dtmf.startSlot(k);
            digits.add(new CallFacts.Digit(0, String.valueOf(dtmf.digits().charAt(k)),
                    Dtmf.event(dtmf.digits().charAt(k)), start * 0.020, Dtmf.UPDATE_SLOTS * 20,
                    (callerSpec.ts0() + (long) start * RtpStream.SAMPLES) & 0xFFFF_FFFFL));
        }
        CallFacts facts = new CallFacts(callId, fromTag, toTag, o.sipTransport(), sig.get(tcp ? 3 : 0).nanos(), byeAt,
                slots * 0.020,
                List.of(new CallFacts.Channel(0, TONE_CALLER_HZ, "Alice", callerNumber, d.callerAor(),
                                streamFacts(callerSpec)),
                        new CallFacts.Channel(1, TONE_CALLEE_HZ, "Bob", calleeNumber, d.calleeAor(),
                                streamFacts(calleeSpec))),
                digits);
        return new Plan(sig, new RtpStream(callerSpec, frames), new RtpStream(calleeSpec, frames), facts);
    }

    private static void checkImpairments(Impairments imp, int slots) {
        for (var set : List.of(imp.drop(), imp.duplicate(), imp.swap())) {
            for (int i : set) {
                if (i < 1 || i >= slots - 2) {
                    throw new IllegalArgumentException("impairment index out of the stream's interior: " + i);
                }
            }
        }
    }

    private static CallFacts.Stream streamFacts(RtpStream.Spec s) {
        long[] firstLast = RtpStream.firstLast(s);
        Impairments imp = s.impairments();
        return new CallFacts.Stream(s.ssrc(), s.src().hostPort(s.sport()), s.dst().hostPort(s.dport()), s.codec(),
                s.slots() - imp.drop().size(), imp.drop().size(), imp.duplicate().size(), imp.swap().size(),
                firstLast[0], firstLast[1], s.seq0(), s.ts0());
    }

    private static String address(boolean v6, int block, int host) {
        if (v6) {
            return block == 0 ? "fd00::" + host : "fd00:0:0:" + Integer.toHexString(block) + "::" + host;
        }
        return "10.0." + block + "." + host;
    }

    private static String hex(Random r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static List<Packet> udpSignalling(SipMessages.Dialog d, Frames f, long t0, long byeAt, int[] ipIds,
                                              Fragmentation fragmentation) {
        Host a = d.caller();
        Host b = d.callee();
        List<Packet> out = new ArrayList<>();
        if (fragmentation == Fragmentation.NONE) {
            out.add(new Packet(t0, f.udp(a, b, SIP_PORT, SIP_PORT, SipMessages.invite(d, 0), ipIds[0]++)));
        } else {
            List<byte[]> frags = f.udpFragments(a, b, SIP_PORT, SIP_PORT,
                    SipMessages.invite(d, PADDED_INVITE_BYTES), ipIds[0]++, MTU);
            if (fragmentation == Fragmentation.OUT_OF_ORDER) {
                frags = new ArrayList<>(frags);
                java.util.Collections.reverse(frags);
            }
            for (int i = 0; i < frags.size(); i++) {
                out.add(new Packet(t0 + i * 50_000L, frags.get(i)));
            }
        }
        out.add(new Packet(t0 + 5 * MS, f.udp(b, a, SIP_PORT, SIP_PORT,
                SipMessages.provisional(d, 100, "Trying"), ipIds[1]++)));
        out.add(new Packet(t0 + 50 * MS, f.udp(b, a, SIP_PORT, SIP_PORT,
                SipMessages.provisional(d, 180, "Ringing"), ipIds[1]++)));
        out.add(new Packet(t0 + 1000 * MS, f.udp(b, a, SIP_PORT, SIP_PORT, SipMessages.inviteOk(d), ipIds[1]++)));
        out.add(new Packet(t0 + 1010 * MS, f.udp(a, b, SIP_PORT, SIP_PORT, SipMessages.ack(d), ipIds[0]++)));
        out.add(new Packet(byeAt, f.udp(a, b, SIP_PORT, SIP_PORT, SipMessages.bye(d), ipIds[0]++)));
        out.add(new Packet(byeAt + 5 * MS, f.udp(b, a, SIP_PORT, SIP_PORT, SipMessages.byeOk(d), ipIds[1]++)));
        return out;
    }

    private static List<Packet> tcpSignalling(SipMessages.Dialog d, Frames f, long t0, long byeAt, int[] ipIds,
                                              int clientPort, int clientIsn, int serverIsn) {
        TcpConnection c = new TcpConnection(f, d.caller(), d.callee(), clientPort, SIP_PORT,
                clientIsn & 0xFFFF_FFFFL, serverIsn & 0xFFFF_FFFFL, ipIds);
        List<Packet> out = new ArrayList<>();
        out.add(c.syn(t0));
        out.add(c.synAck(t0 + 200_000L));
        out.add(c.ack(true, t0 + 400_000L));
        byte[] invite = SipMessages.invite(d, 0);
        int cut = invite.length / 3;
        out.add(c.data(true, t0 + MS, Arrays.copyOfRange(invite, 0, cut)));
        out.add(c.data(true, t0 + MS + 100_000L, Arrays.copyOfRange(invite, cut, invite.length)));
        out.add(c.ack(false, t0 + MS + 300_000L));
        byte[] trying = SipMessages.provisional(d, 100, "Trying");
        byte[] ringing = SipMessages.provisional(d, 180, "Ringing");
        byte[] both = Arrays.copyOf(trying, trying.length + ringing.length);
        System.arraycopy(ringing, 0, both, trying.length, ringing.length);
        out.add(c.data(false, t0 + 50 * MS, both));
        out.add(c.ack(true, t0 + 50 * MS + 200_000L));
        out.add(c.data(false, t0 + 1000 * MS, SipMessages.inviteOk(d)));
        long ackSeq = c.nextSeq(true);
        byte[] ack = SipMessages.ack(d);
        out.add(c.data(true, t0 + 1010 * MS, ack));
        out.add(c.retransmit(true, t0 + 1210 * MS, ackSeq, ack));
        out.add(c.ack(false, t0 + 1210 * MS + 200_000L));
        out.add(c.data(true, byeAt, SipMessages.bye(d)));
        byte[] ok = SipMessages.byeOk(d);
        int okCut = ok.length / 2;
        out.add(c.data(false, byeAt + 5 * MS, Arrays.copyOfRange(ok, 0, okCut)));
        out.add(c.data(false, byeAt + 5 * MS + 100_000L, Arrays.copyOfRange(ok, okCut, ok.length)));
        out.add(c.ack(true, byeAt + 5 * MS + 300_000L));
        out.add(c.fin(true, byeAt + 10 * MS));
        out.add(c.fin(false, byeAt + 10 * MS + 200_000L));
        out.add(c.ack(true, byeAt + 10 * MS + 400_000L));
        return out;
    }
}
