package org.shadowrec.capture.api;

/** Receives frames on the capture thread. Must copy what it keeps: the buffer is reused after the call. */
public interface FrameConsumer {
    /**
     * @param captureNanos capture time, epoch nanoseconds
     * @param ifIndex interface index within the source (pcapng IDB number; 0 otherwise)
     * @param linkType pcap LINKTYPE_* value of that interface
     * @param wireLength original length on the wire
     */
    void frame(long captureNanos, int ifIndex, int linkType, int wireLength, byte[] buf, int off, int len);
}
