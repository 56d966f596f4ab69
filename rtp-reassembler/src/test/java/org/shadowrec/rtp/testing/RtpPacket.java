package org.shadowrec.rtp.testing;

import java.io.ByteArrayOutputStream;

/** Builds RTP packet bytes field by field (RFC 3550 §5.1), for tests. */
public final class RtpPacket {

    private int version = 2;
    private boolean marker;
    private int payloadType;
    private int seq;
    private long timestamp;
    private long ssrc;
    private long[] csrcs = {};
    private int extensionProfile = -1;
    private byte[] extension = {};
    private int padding;
    private byte[] payload = {};

    public static RtpPacket rtp() {
        return new RtpPacket();
    }

    public RtpPacket version(int v) {
        this.version = v;
        return this;
    }

    public RtpPacket marker(boolean m) {
        this.marker = m;
        return this;
    }

    public RtpPacket pt(int pt) {
        this.payloadType = pt;
        return this;
    }

    public RtpPacket seq(int seq) {
        this.seq = seq & 0xFFFF;
        return this;
    }

    public RtpPacket ts(long ts) {
        this.timestamp = ts & 0xFFFFFFFFL;
        return this;
    }

    public RtpPacket ssrc(long ssrc) {
        this.ssrc = ssrc;
        return this;
    }

    public RtpPacket csrcs(long... csrcs) {
        this.csrcs = csrcs;
        return this;
    }

    /** Header extension; {@code data} length must be a multiple of 4. */
    public RtpPacket extension(int profile, byte[] data) {
        this.extensionProfile = profile;
        this.extension = data;
        return this;
    }

    /** Padding bytes including the count byte (0 = none). */
    public RtpPacket padding(int n) {
        this.padding = n;
        return this;
    }

    public RtpPacket payload(byte[] payload) {
        this.payload = payload;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((version << 6) | (padding > 0 ? 0x20 : 0) | (extensionProfile >= 0 ? 0x10 : 0) | csrcs.length);
        out.write((marker ? 0x80 : 0) | payloadType);
        out.write(seq >>> 8);
        out.write(seq);
        u32(out, timestamp);
        u32(out, ssrc);
        for (long c : csrcs) {
            u32(out, c);
        }
        if (extensionProfile >= 0) {
            out.write(extensionProfile >>> 8);
            out.write(extensionProfile);
            int words = extension.length / 4;
            out.write(words >>> 8);
            out.write(words);
            out.writeBytes(extension);
        }
        out.writeBytes(payload);
        for (int i = 1; i < padding; i++) {
            out.write(0);
        }
        if (padding > 0) {
            out.write(padding);
        }
        return out.toByteArray();
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    /** {@code packet} copied into a buffer at {@code off}, followed by {@code junk} bytes of 0xEE. */
    public static byte[] embed(byte[] packet, int off, int junk) {
        byte[] buf = new byte[off + packet.length + junk];
        java.util.Arrays.fill(buf, (byte) 0xEE);
        System.arraycopy(packet, 0, buf, off, packet.length);
        return buf;
    }
}
