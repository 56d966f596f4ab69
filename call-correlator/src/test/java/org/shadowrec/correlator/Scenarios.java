package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.shadowrec.correlator.api.CorrelatorConfig;

/** Shared parties, tones and steps of the scenario tests. */
final class Scenarios {
    static final String CALL_ID = "3c26700c-4a1b@10.0.0.1";
    static final long CALLER_SSRC = 0x11111111L;
    static final long CALLEE_SSRC = 0xB0B0B0B0L;
    static final double CALLER_HZ = 440;
    static final double CALLEE_HZ = 1000;

    /** Ways a capture differs from the clean call: the normal reality of passive capture. */
    enum Agitator { NONE, DUPLICATE_SIP, DROP_180 }

    private Scenarios() {}

    static ToneRtp callerTone() {
        return new ToneRtp(CALLER_SSRC, CALLER_HZ, 1000, 16_000);
    }

    static ToneRtp calleeTone() {
        return new ToneRtp(CALLEE_SSRC, CALLEE_HZ, 50_000, 4_000_000_000L);
    }

    static CorrelatorConfig config(Duration rtpTimeout, Duration maxDuration, int maxOpenDialogs) {
        CorrelatorConfig d = CorrelatorConfig.defaults();
        return new CorrelatorConfig(rtpTimeout, d.signallingTimeout(), maxDuration, d.byeGrace(), maxOpenDialogs,
                d.mixer());
    }

    /**
     * The basic call: INVITE at 0 s, 100, 180 at 0.5 s, 200 at 2 s, ACK; both parties talk from 2.1 s for 8 s (400
     * packets each); BYE from the caller at 10.2 s answered at 10.21 s. Ticks up to {@code until}.
     */
    static CallSim basicCall(String callId, Agitator agitator, double until) {
        SipFixtures fx = SipFixtures.load(callId, "basic-call");
        CallSim sim = new CallSim(CorrelatorConfig.defaults());
        Object[][] steps = {
            {0.0, "invite", true}, {0.01, "100", false}, {0.5, "180", false}, {2.0, "200", false},
            {2.05, "ack", true}, {10.2, "bye", true}, {10.21, "200-bye", false},
        };
        for (Object[] s : steps) {
            double t = (Double) s[0];
            String label = (String) s[1];
            boolean fromCaller = (Boolean) s[2];
            if (agitator == Agitator.DROP_180 && label.equals("180")) {
                continue;
            }
            int copies = agitator == Agitator.DUPLICATE_SIP ? 3 : 1;
            for (int c = 0; c < copies; c++) {
                // a mirror-port duplicate at the same instant, then a retransmission 0.4 s later (RFC 3261 T1-ish)
                double when = t + (c == 2 ? 0.4 : 0.0);
                if (fromCaller) {
                    sim.fromCaller(when, fx.message(label));
                } else {
                    sim.fromCallee(when, fx.message(label));
                }
            }
        }
        sim.rtp(callerTone(), CallSim.CALLER_MEDIA, CallSim.CALLEE_MEDIA, 2.1, 10.1);
        sim.rtp(calleeTone(), CallSim.CALLEE_MEDIA, CallSim.CALLER_MEDIA, 2.11, 10.11);
        sim.run(until);
        return sim;
    }

    /** Asserts that {@code hz} dominates {@code otherHz} on a channel between two offsets (seconds of audio). */
    static void assertTone(MemoryRecordings.Recording r, int channel, double fromS, double toS, double hz,
                           double otherHz) {
        short[] ch = r.channel(channel);
        int from = (int) (fromS * r.sampleRate);
        int to = Math.min(ch.length, (int) (toS * r.sampleRate));
        assertTrue(to - from > r.sampleRate / 10, "channel " + channel + " too short: " + ch.length + " frames");
        assertTrue(Tones.dominates(ch, from, to, hz, otherHz, r.sampleRate),
                "channel " + channel + " in [" + fromS + "," + toS + ") s should carry " + hz + " Hz; power "
                        + Tones.power(ch, from, to, hz, r.sampleRate) + " vs " + otherHz + " Hz "
                        + Tones.power(ch, from, to, otherHz, r.sampleRate));
    }

    /** Asserts a channel is (near) silent between two offsets. */
    static void assertSilent(MemoryRecordings.Recording r, int channel, double fromS, double toS) {
        short[] ch = r.channel(channel);
        int from = (int) (fromS * r.sampleRate);
        int to = Math.min(ch.length, (int) (toS * r.sampleRate));
        double rms = Tones.rms(ch, from, to);
        assertTrue(rms < 50, "channel " + channel + " should be silent in [" + fromS + "," + toS + "), rms " + rms);
    }
}
