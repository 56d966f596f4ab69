package org.shadowrec.testpcaps.gen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small capture reader written independently of the generator's writers (tests only): classic pcap in both byte
 * orders and both resolutions, pcapng with SHB/IDB/EPB and if_tsresol. Reads the whole file: only for small files.
 */
final class CaptureFile {
    record Record(long nanos, byte[] frame) {
    }

    final String format;
    final List<Record> records;

    private CaptureFile(String format, List<Record> records) {
        this.format = format;
        this.records = records;
    }

    static CaptureFile read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        int magicBe = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magicBe == 0x0A0D0D0A) {
            return readNg(b);
        }
        ByteOrder order;
        boolean nanos;
        switch (magicBe) {
            case 0xA1B2C3D4 -> { order = ByteOrder.BIG_ENDIAN; nanos = false; }
            case 0xA1B23C4D -> { order = ByteOrder.BIG_ENDIAN; nanos = true; }
            case 0xD4C3B2A1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = false; }
            case 0x4D3CB2A1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = true; }
            default -> throw new IOException("not a capture: magic " + Integer.toHexString(magicBe));
        }
        b.order(order);
        if (b.getShort(4) != 2 || b.getShort(6) != 4 || b.getInt(20) != 1) {
            throw new IOException("bad pcap header");
        }
        List<Record> out = new ArrayList<>();
        int pos = 24;
        while (pos < all.length) {
            long sec = b.getInt(pos) & 0xFFFF_FFFFL;
            long frac = b.getInt(pos + 4) & 0xFFFF_FFFFL;
            int incl = b.getInt(pos + 8);
            int orig = b.getInt(pos + 12);
            if (incl != orig || frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
                throw new IOException("bad record at " + pos);
            }
            byte[] frame = new byte[incl];
            System.arraycopy(all, pos + 16, frame, 0, incl);
            out.add(new Record(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), frame));
            pos += 16 + incl;
        }
        String label = "pcap-" + (nanos ? "ns" : "us") + (order == ByteOrder.BIG_ENDIAN ? "-be" : "-le");
        return new CaptureFile(label, out);
    }

    private static CaptureFile readNg(ByteBuffer b) throws IOException {
        ByteOrder order = b.order(ByteOrder.BIG_ENDIAN).getInt(8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN;
        b.order(order);
        List<Record> out = new ArrayList<>();
        long unitsPerSecond = 1_000_000L;
        int pos = 0;
        while (pos < b.limit()) {
            int type = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (len < 12 || len % 4 != 0 || pos + len > b.limit() || b.getInt(pos + len - 4) != len) {
                throw new IOException("bad block length at " + pos);
            }
            if (type == 1) {
                if (b.getShort(pos + 8) != 1) {
                    throw new IOException("not Ethernet");
                }
                int opt = pos + 16;
                while (opt < pos + len - 4) {
                    int code = b.getShort(opt) & 0xFFFF;
                    int olen = b.getShort(opt + 2) & 0xFFFF;
                    if (code == 0) {
                        break;
                    }
                    if (code == 9) {
                        int v = b.get(opt + 4);
                        unitsPerSecond = (v & 0x80) != 0 ? 1L << (v & 0x7F) : (long) Math.pow(10, v);
                    }
                    opt += 4 + ((olen + 3) & ~3);
                }
            } else if (type == 6) {
                long ts = ((b.getInt(pos + 12) & 0xFFFF_FFFFL) << 32) | (b.getInt(pos + 16) & 0xFFFF_FFFFL);
                int cap = b.getInt(pos + 20);
                byte[] frame = new byte[cap];
                b.get(pos + 28, frame);
                long nanos = ts / unitsPerSecond * 1_000_000_000L + ts % unitsPerSecond * 1_000_000_000L / unitsPerSecond;
                out.add(new Record(nanos, frame));
            }
            pos += len;
        }
        String label = "pcapng-" + (unitsPerSecond == 1_000_000_000L ? "ns" : "us")
                + (order == ByteOrder.BIG_ENDIAN ? "-be" : "-le");
        return new CaptureFile(label, out);
    }
}
