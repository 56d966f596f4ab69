package org.shadowrec.storage.api;

/** Receives one journalled frame. The buffer is reused after the call returns: copy what you keep. */
public interface FrameHandler {
    /**
     * @param index journal index of this frame (monotonic)
     * @param captureNanos capture time, epoch nanoseconds
     * @param sourceId which source/interface captured it
     * @param linkType pcap LINKTYPE_* of the frame
     * @param wireLength original length on the wire (may exceed {@code len} when truncated by snaplen)
     */
    void frame(long index, long captureNanos, int sourceId, int linkType, int wireLength, byte[] buf, int off,
               int len);
}
