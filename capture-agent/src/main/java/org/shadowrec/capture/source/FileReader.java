package org.shadowrec.capture.source;

import java.io.IOException;
import org.shadowrec.capture.api.FrameConsumer;

/**
 * A capture file format's record loop: walks the mapped file, copies each frame into the one reused buffer and
 * hands it to the consumer. Every iteration advances by at least one record header, so the loop always ends.
 */
abstract class FileReader {
    /** Largest frame accepted (libpcap's MAXIMUM_SNAPLEN); a larger captured length is corruption. */
    static final int MAX_FRAME = 256 * 1024;

    final MappedWindow in;
    final FileProgress progress;
    final byte[] frame = new byte[MAX_FRAME];
    long pos;
    long frames;

    FileReader(MappedWindow in, FileProgress progress) {
        this.in = in;
        this.progress = progress;
    }

    /**
     * Delivers frames until end of file, a stop request, or damage.
     *
     * @return the damage that ended the input, or null at a clean end (or a stop)
     */
    abstract Damage read(FrameConsumer consumer) throws IOException;

    /** Copies {@code [from, from + len)} of the file into {@link #frame}. */
    final void copyFrame(long from, int len) throws IOException {
        in.at(from, len).get(in.index(from), frame, 0, len);
    }

    /** Counts one delivered frame ending at {@link #pos} and publishes the counters now and then. */
    final void counted() {
        if ((++frames & (FileProgress.PUBLISH_EVERY - 1)) == 0) {
            progress.publish(frames, pos);
        }
    }

    final void publish() {
        progress.publish(frames, pos);
    }
}
