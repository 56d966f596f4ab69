package org.shadowrec.rtp.api;

import java.io.IOException;

/** Receives finished audio: interleaved signed 16-bit frames, in order, never rewritten. */
public interface PcmSink {
    /**
     * @param interleaved samples, {@code channels} per frame
     * @param frameOffset first frame to take
     * @param frames number of frames
     */
    void write(short[] interleaved, int frameOffset, int frames) throws IOException;
}
