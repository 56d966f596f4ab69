package org.shadowrec.sip.api.rec;

/**
 * A media stream of the recording session (RFC 7865 §6.5 {@code <stream>}), tied to an SDP m-line by its label
 * (RFC 4574 {@code a=label}).
 *
 * @param id {@code stream_id}, "" if absent
 * @param label {@code <label>}, or null
 * @param sessionId {@code session_id} of the session it belongs to, or null
 * @param mixed true when the document marks the stream as mixed ({@code <mode>mixed</mode>} of the drafts, or a
 *              vendor {@code mixed} attribute); several senders also make a channel mixed, see {@link ChannelOrder}
 */
public record MetadataStream(String id, String label, String sessionId, boolean mixed) {}
