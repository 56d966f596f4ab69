package org.shadowrec.testpcaps.gen;

import java.io.Closeable;
import java.io.IOException;

/** Streams frames to a capture file, one record at a time. */
public interface CaptureWriter extends Closeable {
    /**
     * Appends one Ethernet frame.
     *
     * @param epochNanos capture time (cut to the file's resolution)
     * @param frame      the whole frame, captured in full (caplen = len)
     */
    void write(long epochNanos, byte[] frame) throws IOException;
}
