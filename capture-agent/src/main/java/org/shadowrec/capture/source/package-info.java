/**
 * Packet sources: {@link org.shadowrec.capture.source.PcapFileSource} (classic pcap and pcapng read through a
 * windowed memory map, no pcap4j) and {@link org.shadowrec.capture.source.LivePcapSource} (libpcap through pcap4j,
 * the only class of the project that touches pcap4j).
 *
 * <p>Threading: {@code run} executes on the capture thread, which only copies bytes into one reused buffer and hands
 * them to the consumer; {@code breakLoop}, {@code stats} and {@code problem} may be called from any thread. Damaged
 * input never throws: the frames before the damage are delivered and {@code problem()} names the byte offset.
 */
package org.shadowrec.capture.source;
