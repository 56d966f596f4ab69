package org.shadowrec.testpcaps.gen;

/**
 * One captured frame.
 *
 * @param nanos capture time, epoch nanoseconds
 * @param frame the Ethernet frame
 */
record Packet(long nanos, byte[] frame) {
}
