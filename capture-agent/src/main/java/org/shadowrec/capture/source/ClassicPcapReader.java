package org.shadowrec.capture.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.shadowrec.capture.api.FrameConsumer;

/**
 * Classic libpcap files ({@code pcap-savefile(5)}, draft-ietf-opsawg-pcap §4–5). A 24-byte file header
 * <pre>
 *  0  magic (a1b2c3d4 µs | a1b23c4d ns)   4  version major, minor (u16 each)
 *  8  thiszone (unused)                 12  sigfigs (unused)
 * 16  snaplen                           20  LinkType (low 16 bits) and FCS bits
 * </pre>
 * then records of a 16-byte header {@code ts_sec, ts_frac, incl_len, orig_len} and {@code incl_len} bytes of frame.
 * A record whose {@code incl_len} exceeds the snaplen (or {@link #MAX_FRAME}) is corruption.
 */
final class ClassicPcapReader extends FileReader {
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;

    private final long nanosPerFraction;

    ClassicPcapReader(MappedWindow in, FileProgress progress, FileFormat format) {
        super(in, progress);
        this.nanosPerFraction = format.nanosPerFractionUnit();
        in.order(format.order());
    }

    @Override
    Damage read(FrameConsumer consumer) throws IOException {
        long size = in.size();
        if (size < FILE_HEADER) {
            return Damage.truncated(0, "pcap file header", FILE_HEADER, size);
        }
        ByteBuffer h = in.at(0, FILE_HEADER);
        int hi = in.index(0);
        long snaplen = h.getInt(hi + 16) & 0xFFFF_FFFFL;
        int linkType = h.getInt(hi + 20) & 0xFFFF;
        int maxCaptured = snaplen == 0 || snaplen > MAX_FRAME ? MAX_FRAME : (int) snaplen;
        pos = FILE_HEADER;
        publish();
        while (!progress.stopRequested()) {
            long remain = size - pos;
            if (remain == 0) {
                break;
            }
            if (remain < RECORD_HEADER) {
                return Damage.truncated(pos, "packet record header", RECORD_HEADER, remain);
            }
            ByteBuffer b = in.at(pos, RECORD_HEADER);
            int i = in.index(pos);
            long seconds = b.getInt(i) & 0xFFFF_FFFFL;
            long fraction = b.getInt(i + 4) & 0xFFFF_FFFFL;
            long captured = b.getInt(i + 8) & 0xFFFF_FFFFL;
            int wire = b.getInt(i + 12);
            if (captured > maxCaptured) {
                return Damage.corrupt(pos, "packet record", "captured length " + captured
                        + " exceeds the snapshot length " + maxCaptured);
            }
            if (wire < 0) {
                return Damage.corrupt(pos, "packet record", "original length " + (wire & 0xFFFF_FFFFL)
                        + " is implausible");
            }
            if (remain - RECORD_HEADER < captured) {
                return Damage.cut(pos, "packet record", captured, remain - RECORD_HEADER);
            }
            int len = (int) captured;
            copyFrame(pos + RECORD_HEADER, len);
            pos += RECORD_HEADER + len;
            consumer.frame(seconds * 1_000_000_000L + fraction * nanosPerFraction, 0, linkType, wire, frame, 0, len);
            counted();
        }
        return null;
    }
}
