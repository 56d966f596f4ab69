package org.shadowrec.testpcaps.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Classic libpcap file: 24-byte global header, then 16-byte record header + frame per packet. */
final class PcapWriter implements CaptureWriter {
    static final int MAGIC_US = 0xA1B2C3D4;
    static final int MAGIC_NS = 0xA1B23C4D;
    static final int SNAPLEN = 262_144;
    static final int LINKTYPE_ETHERNET = 1;

    private final OutputStream out;
    private final boolean nanos;
    private final ByteBuffer header;

    PcapWriter(OutputStream out, boolean nanos, ByteOrder order) throws IOException {
        this.out = out;
        this.nanos = nanos;
        this.header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? MAGIC_NS : MAGIC_US).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.write(header.array(), 0, 24);
    }

    @Override
    public void write(long epochNanos, byte[] frame) throws IOException {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long fraction = Math.floorMod(epochNanos, 1_000_000_000L);
        header.clear();
        header.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000))
                .putInt(frame.length).putInt(frame.length);
        out.write(header.array(), 0, 16);
        out.write(frame);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
