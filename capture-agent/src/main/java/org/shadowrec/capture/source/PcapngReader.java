package org.shadowrec.capture.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.shadowrec.capture.api.FrameConsumer;

/**
 * pcapng files (draft-ietf-opsawg-pcapng §3–4). Every block is
 * <pre>
 *  0  Block Type   4  Block Total Length   8  body ...   len-4  Block Total Length (again)
 * </pre>
 * with the length a multiple of 4 and at least 12. A Section Header Block ({@code 0a0d0d0a}, byte-order magic
 * {@code 1a2b3c4d} at offset 8, version 1.x) starts a section with its own byte order and its own interface list;
 * Interface Description Blocks (1) declare link type, snaplen, {@code if_tsresol} (option 9) and
 * {@code if_tsoffset} (option 14); Enhanced Packet Blocks (6), obsolete Packet Blocks (2) and Simple Packet Blocks
 * (3: interface 0, no timestamp, so the last timestamp seen is reused) carry frames. Every other block is skipped
 * by its length. A length that disagrees with the trailing copy, or points past the end of the file, ends the input.
 * A packet's captured length must fit its block and {@link #MAX_FRAME}; it is not checked against the interface's
 * snaplen (writers disagree on it). Timestamps: see {@link TimestampScale}.
 */
final class PcapngReader extends FileReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;
    /** More interfaces in one section than this is corruption (a section describes real capture interfaces). */
    static final int MAX_INTERFACES = 65_536;
    /** Largest Enhanced Packet Block taken by the one-piece fast path (a maximal frame and no options). */
    static final int FAST_BLOCK = MAX_FRAME + 32;

    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private long lastNanos;

    PcapngReader(MappedWindow in, FileProgress progress) {
        super(in, progress);
    }

    @Override
    Damage read(FrameConsumer consumer) throws IOException {
        long size = in.size();
        pos = 0;
        publish();
        while (!progress.stopRequested()) {
            long remain = size - pos;
            if (remain == 0) {
                return null;
            }
            if (remain < 12) {
                return Damage.truncated(pos, "pcapng block", 12, remain);
            }
            ByteBuffer b = in.at(pos, 12);
            int i = in.index(pos);
            int type = b.getInt(i);
            if (type == EPB && fastEnhancedPacket(b.getInt(i + 4) & 0xFFFF_FFFFL, remain, consumer)) {
                continue;
            }
            b = in.at(pos, 12);                                  // the fast path may have moved the window
            i = in.index(pos);
            if (type == SHB) {
                int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(i + 8);
                b.order(in.order());
                if (magic != BYTE_ORDER_MAGIC && magic != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    return Damage.corrupt(pos, "section header block", String.format(
                            "byte-order magic is %08x, not 1a2b3c4d", magic));
                }
                in.order(magic == BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                b = in.at(pos, 12);
            } else if (pos == 0) {
                return Damage.corrupt(pos, "pcapng file", "the first block is not a section header block");
            }
            long length = b.getInt(i + 4) & 0xFFFF_FFFFL;
            Damage damage = checkLength(type, length, remain);
            if (damage == null) {
                damage = block(type, length, consumer);
            }
            if (damage != null) {
                return damage;
            }
        }
        return null;
    }

    /**
     * The common case in one piece: a well-formed Enhanced Packet Block that fits one window. Anything unusual
     * returns false before delivering, and the general path handles (and names) it.
     */
    private boolean fastEnhancedPacket(long length, long remain, FrameConsumer consumer) throws IOException {
        if (length < 32 || length > FAST_BLOCK || length > remain || (length & 3) != 0) {
            return false;
        }
        int len = (int) length;
        ByteBuffer b = in.at(pos, len);
        int i = in.index(pos);
        int ifIndex = b.getInt(i + 8);
        int captured = b.getInt(i + 20);
        int wire = b.getInt(i + 24);
        if (b.getInt(i + len - 4) != len || ifIndex < 0 || ifIndex >= interfaces.size() || captured < 0
                || captured > len - 32 || wire < 0) {
            return false;
        }
        long ts = ((long) b.getInt(i + 12) << 32) | (b.getInt(i + 16) & 0xFFFF_FFFFL);
        PcapngInterface itf = interfaces.get(ifIndex);
        lastNanos = itf.scale().toNanos(ts);
        b.get(i + 28, frame, 0, captured);
        pos += len;
        consumer.frame(lastNanos, ifIndex, itf.linkType(), wire, frame, 0, captured);
        counted();
        return true;
    }

    private Damage checkLength(int type, long length, long remain) throws IOException {
        if (length < minimumLength(type) || length % 4 != 0) {
            return Damage.corrupt(pos, blockName(type), "block total length " + length
                    + " is invalid (a multiple of 4, at least " + minimumLength(type) + ")");
        }
        if (length > remain) {
            return Damage.cut(pos, blockName(type), length, remain);
        }
        long trailer = in.at(pos + length - 4, 4).getInt(in.index(pos + length - 4)) & 0xFFFF_FFFFL;
        if (trailer != length) {
            return Damage.corrupt(pos, blockName(type), "block total length " + length
                    + " but the trailing copy says " + trailer);
        }
        return null;
    }

    /** Handles one block whose length was checked, and moves past it. */
    private Damage block(int type, long length, FrameConsumer consumer) throws IOException {
        long start = pos;
        Damage damage = null;
        switch (type) {
            case SHB -> damage = sectionHeader();
            case IDB -> damage = interfaceDescription(length);
            case EPB, OPB -> damage = packet(type, length, consumer);
            case SPB -> damage = simplePacket(length, consumer);
            default -> { }
        }
        if (damage == null && pos == start) {
            pos = start + length;
        }
        return damage;
    }

    private Damage sectionHeader() throws IOException {
        int major = in.at(pos + 12, 2).getShort(in.index(pos + 12)) & 0xFFFF;
        if (major != 1) {
            return Damage.corrupt(pos, "section header block", "unsupported pcapng major version " + major);
        }
        interfaces.clear();
        return null;
    }

    private Damage interfaceDescription(long length) throws IOException {
        if (interfaces.size() >= MAX_INTERFACES) {
            return Damage.corrupt(pos, "interface description block", "more than " + MAX_INTERFACES
                    + " interfaces in one section");
        }
        ByteBuffer b = in.at(pos + 8, 8);
        int i = in.index(pos + 8);
        int linkType = b.getShort(i) & 0xFFFF;
        long snaplen = b.getInt(i + 4) & 0xFFFF_FFFFL;
        int tsresol = TimestampScale.DEFAULT_TSRESOL;
        long tsoffset = 0;
        long p = pos + 16;
        long end = pos + length - 4;
        while (p + 4 <= end) {
            b = in.at(p, 4);
            i = in.index(p);
            int code = b.getShort(i) & 0xFFFF;
            int optLength = b.getShort(i + 2) & 0xFFFF;
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (p + 4 + optLength > end) {
                return Damage.corrupt(pos, "interface description block", "option " + code + " at offset " + p
                        + " overruns the block");
            }
            if (code == OPT_IF_TSRESOL && optLength >= 1) {
                tsresol = in.at(p + 4, 1).get(in.index(p + 4)) & 0xFF;
            } else if (code == OPT_IF_TSOFFSET && optLength >= 8) {
                tsoffset = in.at(p + 4, 8).getLong(in.index(p + 4));
            }
            p += 4 + ((optLength + 3) & ~3);
        }
        TimestampScale scale = TimestampScale.of(tsresol, tsoffset);
        if (scale == null) {
            return Damage.corrupt(pos, "interface description block", String.format(
                    "unsupported if_tsresol 0x%02x", tsresol));
        }
        interfaces.add(new PcapngInterface(linkType, snaplen, scale));
        return null;
    }

    /** Enhanced Packet Block, or its obsolete predecessor (16-bit interface id followed by a drops count). */
    private Damage packet(int type, long length, FrameConsumer consumer) throws IOException {
        ByteBuffer b = in.at(pos + 8, 20);
        int i = in.index(pos + 8);
        int ifIndex = type == EPB ? b.getInt(i) : b.getShort(i) & 0xFFFF;
        long ts = ((long) b.getInt(i + 4) << 32) | (b.getInt(i + 8) & 0xFFFF_FFFFL);
        long captured = b.getInt(i + 12) & 0xFFFF_FFFFL;
        int wire = b.getInt(i + 16);
        String name = blockName(type);
        if (ifIndex < 0 || ifIndex >= interfaces.size()) {
            return Damage.corrupt(pos, name, "interface " + (ifIndex & 0xFFFF_FFFFL) + " is not declared (the section has "
                    + interfaces.size() + ")");
        }
        if (captured > length - 32 || captured > MAX_FRAME) {
            return Damage.corrupt(pos, name, "captured length " + captured + " does not fit the block of " + length
                    + " bytes (at most " + MAX_FRAME + ")");
        }
        if (wire < 0) {
            return Damage.corrupt(pos, name, "original length " + (wire & 0xFFFF_FFFFL) + " is implausible");
        }
        PcapngInterface itf = interfaces.get(ifIndex);
        lastNanos = itf.scale().toNanos(ts);
        return deliver(consumer, pos + 28, (int) captured, length, ifIndex, itf, wire, lastNanos);
    }

    private Damage simplePacket(long length, FrameConsumer consumer) throws IOException {
        if (interfaces.isEmpty()) {
            return Damage.corrupt(pos, "simple packet block", "no interface is declared in this section");
        }
        int wire = in.at(pos + 8, 4).getInt(in.index(pos + 8));
        if (wire < 0) {
            return Damage.corrupt(pos, "simple packet block", "original length " + (wire & 0xFFFF_FFFFL)
                    + " is implausible");
        }
        PcapngInterface itf = interfaces.get(0);
        long captured = Math.min(wire, length - 16);
        if (itf.snaplen() != 0) {
            captured = Math.min(captured, itf.snaplen());
        }
        if (captured > MAX_FRAME) {
            return Damage.corrupt(pos, "simple packet block", "captured length " + captured + " exceeds "
                    + MAX_FRAME);
        }
        return deliver(consumer, pos + 12, (int) captured, length, 0, itf, wire, lastNanos);
    }

    private Damage deliver(FrameConsumer consumer, long from, int captured, long length, int ifIndex,
                           PcapngInterface itf, int wire, long nanos) throws IOException {
        copyFrame(from, captured);
        pos += length;
        consumer.frame(nanos, ifIndex, itf.linkType(), wire, frame, 0, captured);
        counted();
        return null;
    }

    private static int minimumLength(int type) {
        return switch (type) {
            case SHB -> 28;
            case IDB -> 20;
            case EPB, OPB -> 32;
            case SPB -> 16;
            default -> 12;
        };
    }

    private static String blockName(int type) {
        return switch (type) {
            case SHB -> "section header block";
            case IDB -> "interface description block";
            case EPB -> "enhanced packet block";
            case OPB -> "packet block";
            case SPB -> "simple packet block";
            default -> String.format("block of type 0x%08x", type);
        };
    }
}
