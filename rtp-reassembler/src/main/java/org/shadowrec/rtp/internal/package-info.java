/**
 * Implementation of {@link org.shadowrec.rtp.api.RecordingMixer}; not API. One class per stage of the per-packet
 * pipeline, in the order a packet meets them: {@link org.shadowrec.rtp.internal.RtpView} (parse) →
 * {@link org.shadowrec.rtp.internal.RtpFlow} (stream lookup by SSRC within the flow) →
 * {@link org.shadowrec.rtp.internal.ExtendedSeqTracker} and {@link org.shadowrec.rtp.internal.DuplicateWindow}
 * (sequence numbers, loss, duplicates) → {@link org.shadowrec.rtp.internal.PayloadTable} (payload type) →
 * {@link org.shadowrec.rtp.internal.G711} / {@link org.shadowrec.rtp.internal.TelephoneEventTracker} (decode) →
 * {@link org.shadowrec.rtp.internal.StreamClock} (placement on the recording's wall clock) →
 * {@link org.shadowrec.rtp.internal.Timeline} and {@link org.shadowrec.rtp.internal.ChannelBuffer} (mix, flush).
 * Everything here is confined to the processing thread and allocates nothing per packet.
 */
package org.shadowrec.rtp.internal;
