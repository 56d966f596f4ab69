package org.shadowrec.capture.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes small classic pcap and pcapng files byte by byte, for tests: every field is spelled out. */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    /** A classic pcap file header. */
    static CaptureBytes pcap(ByteOrder order, boolean nanos, int snaplen, int linkType) {
        CaptureBytes w = new CaptureBytes(order);
        w.u32(nanos ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkType);
        return w;
    }

    /** A pcapng file, empty; start it with {@link #section}. */
    static CaptureBytes pcapng() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN);
    }

    /** A classic packet record. */
    CaptureBytes record(long seconds, long fraction, byte[] data, int wireLength) {
        return u32((int) seconds).u32((int) fraction).u32(data.length).u32(wireLength).raw(data);
    }

    /** A Section Header Block (version 1.0, section length -1, no options) in {@code sectionOrder}. */
    CaptureBytes section(ByteOrder sectionOrder) {
        order = sectionOrder;
        ByteBuffer body = body(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(0x0A0D0D0A, body.array());
    }

    /** An Interface Description Block; {@code tsresol}/{@code tsoffset} null = option absent. */
    CaptureBytes interfaceBlock(int linkType, int snaplen, Integer tsresol, Long tsoffset) {
        ByteBuffer body = body(8 + 8 + 12 + 4 + 4).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol != null) {
            body.putShort((short) 9).putShort((short) 1).put(tsresol.byteValue()).put(new byte[3]);
        }
        if (tsoffset != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(1, trim(body));
    }

    /** An Enhanced Packet Block with a raw 64-bit timestamp in the interface's units. */
    CaptureBytes enhancedPacket(int ifIndex, long ts, byte[] data, int wireLength) {
        ByteBuffer body = body(20 + pad(data.length)).putInt(ifIndex).putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(data.length).putInt(wireLength).put(data);
        return block(6, body.array());
    }

    /** A Simple Packet Block; the captured bytes are {@code data}. */
    CaptureBytes simplePacket(byte[] data, int wireLength) {
        return block(3, body(4 + pad(data.length)).putInt(wireLength).put(data).array());
    }

    /** Any block: type, body (padded here to 4), lengths at both ends. */
    CaptureBytes block(int type, byte[] body) {
        int length = 12 + pad(body.length);
        u32(type).u32(length).raw(body).raw(new byte[pad(body.length) - body.length]).u32(length);
        return this;
    }

    CaptureBytes raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    private CaptureBytes u32(int v) {
        return raw(ByteBuffer.allocate(4).order(order).putInt(v).array());
    }

    private CaptureBytes u16(int v) {
        return raw(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
    }

    private ByteBuffer body(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private static byte[] trim(ByteBuffer b) {
        byte[] a = new byte[b.position()];
        System.arraycopy(b.array(), 0, a, 0, a.length);
        return a;
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }
}
