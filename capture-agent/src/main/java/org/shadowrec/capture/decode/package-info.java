/**
 * Frame decoding, gopacket style: link layer (Ethernet, 802.1Q/QinQ, Linux SLL/SLL2, raw IP, BSD null/loopback),
 * IPv4/IPv6 with extension headers, IP fragment reassembly, IP-in-IP, UDP, ICMP errors, and TCP stream reassembly.
 * Partial success is a normal result; every dropped frame is counted by reason; packet content never throws out of
 * {@link org.shadowrec.capture.decode.FrameDecoder#decode}. Confined to the processing thread.
 */
package org.shadowrec.capture.decode;
