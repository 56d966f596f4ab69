package org.shadowrec.capture.api;

/**
 * One captured frame as the source delivered it.
 *
 * @param captureNanos capture time, epoch nanoseconds
 * @param ifIndex interface index within the source (pcapng IDB number; 0 otherwise)
 * @param linkType pcap LINKTYPE_* value
 * @param wireLength original length on the wire
 * @param data captured bytes (owned by the receiver)
 */
public record RawFrame(long captureNanos, int ifIndex, int linkType, int wireLength, byte[] data) {}
