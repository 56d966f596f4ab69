/**
 * RTP media to PCM audio: per-stream reassembly (SSRC, extended sequence numbers, reorder window, duplicates, loss),
 * placement on the recording's wall clock, G.711 decoding, RFC 4733 DTMF events, and a multi-channel mixer that
 * emits finished interleaved PCM16 frames to a {@link org.shadowrec.rtp.api.PcmSink}. Confined to the processing
 * thread; time is always the capture time passed in, never a clock.
 */
package org.shadowrec.rtp.api;
