/**
 * Deterministic capture generator: complete SIP calls (INVITE → 100 → 180 → 200 → ACK → RTP both ways → BYE → 200)
 * as Ethernet frames, written to classic pcap or pcapng while they are produced (never a whole capture in memory).
 *
 * <p>Entry points: {@link org.shadowrec.testpcaps.gen.CaptureOptions} (what to build),
 * {@link org.shadowrec.testpcaps.gen.CaptureGenerator} (build and write it) and
 * {@link org.shadowrec.testpcaps.gen.Catalog} (the captures committed under {@code test-pcaps/}). Same options →
 * byte-identical file: every random choice comes from the seed, every timestamp from the fixed start instant.
 */
package org.shadowrec.testpcaps.gen;
