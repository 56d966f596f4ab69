package org.shadowrec.testpcaps.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * pcapng writer (draft-ietf-opsawg-pcapng): one Section Header Block, one Interface Description Block with
 * {@code if_tsresol} (6 or 9, decimal) and {@code if_name}, then one Enhanced Packet Block per frame.
 */
final class PcapNgWriter implements CaptureWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int EPB = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final short OPT_END = 0;
    private static final short SHB_USERAPPL = 4;
    private static final short IF_NAME = 2;
    private static final short IF_TSRESOL = 9;

    private final OutputStream out;
    private final boolean nanos;
    private final ByteBuffer epbHeader;

    PcapNgWriter(OutputStream out, boolean nanos, ByteOrder order) throws IOException {
        this.out = out;
        this.nanos = nanos;
        this.epbHeader = ByteBuffer.allocate(28).order(order);
        byte[] app = "shadowrec test-pcaps generator".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer shb = ByteBuffer.allocate(24 + option(app.length) + 4 + 4).order(order);
        shb.putInt(SHB).putInt(shb.capacity()).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0)
                .putLong(-1L);
        putOption(shb, SHB_USERAPPL, app);
        shb.putShort(OPT_END).putShort((short) 0).putInt(shb.capacity());
        out.write(shb.array());
        byte[] name = "eth0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer idb = ByteBuffer.allocate(16 + option(name.length) + option(1) + 4 + 4).order(order);
        idb.putInt(IDB).putInt(idb.capacity()).putShort((short) PcapWriter.LINKTYPE_ETHERNET).putShort((short) 0)
                .putInt(PcapWriter.SNAPLEN);
        putOption(idb, IF_NAME, name);
        putOption(idb, IF_TSRESOL, new byte[] {(byte) (nanos ? 9 : 6)});
        idb.putShort(OPT_END).putShort((short) 0).putInt(idb.capacity());
        out.write(idb.array());
    }

    private static int option(int valueLength) {
        return 4 + pad4(valueLength);
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static void putOption(ByteBuffer b, short code, byte[] value) {
        b.putShort(code).putShort((short) value.length).put(value);
        for (int i = value.length; i < pad4(value.length); i++) {
            b.put((byte) 0);
        }
    }

    @Override
    public void write(long epochNanos, byte[] frame) throws IOException {
        long ts = nanos ? epochNanos : Math.floorDiv(epochNanos, 1000L);
        int padded = pad4(frame.length);
        int total = 32 + padded;
        epbHeader.clear();
        epbHeader.putInt(EPB).putInt(total).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts)
                .putInt(frame.length).putInt(frame.length);
        out.write(epbHeader.array(), 0, 28);
        out.write(frame);
        for (int i = frame.length; i < padded; i++) {
            out.write(0);
        }
        epbHeader.clear();
        epbHeader.putInt(total);
        out.write(epbHeader.array(), 0, 4);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
