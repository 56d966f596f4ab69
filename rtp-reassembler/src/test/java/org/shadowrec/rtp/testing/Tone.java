package org.shadowrec.rtp.testing;

/** Sine samples and PCMU packets carrying them (20 ms, 160 samples at 8 kHz). */
public final class Tone {

    public static final int RATE = 8000;
    public static final int SAMPLES_PER_PACKET = 160;
    public static final long PACKET_NANOS = 20_000_000L;

    private Tone() {}

    /** {@code n} samples of a sine at {@code freq} Hz, amplitude 8000, starting at sample {@code start}. */
    public static short[] sine(double freq, int start, int n) {
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * freq * (start + i) / RATE));
        }
        return out;
    }

    /** PCMU payload of packet {@code index} of a continuous tone. */
    public static byte[] pcmuPayload(double freq, int index) {
        short[] pcm = sine(freq, index * SAMPLES_PER_PACKET, SAMPLES_PER_PACKET);
        return G711Encoder.ulaw(pcm, 0, pcm.length);
    }

    /** Packet {@code index} of a PCMU tone stream: seq = seq0 + index, ts = ts0 + 160·index. */
    public static byte[] pcmuPacket(double freq, int index, int seq0, long ts0, long ssrc) {
        return RtpPacket.rtp().pt(0).seq(seq0 + index).ts(ts0 + (long) SAMPLES_PER_PACKET * index).ssrc(ssrc)
                .payload(pcmuPayload(freq, index)).bytes();
    }
}
