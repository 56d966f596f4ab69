package org.shadowrec.rtp.api;

/**
 * One RFC 4733 telephone-event, reported once at its end (or when the stream ends).
 *
 * @param digit 0-9, *, #, A-D, or "event-N" for other event codes
 * @param startNanos capture time of its first packet (epoch nanoseconds)
 * @param durationMillis duration from the event's final duration field
 */
public record DtmfEvent(String digit, long startNanos, int durationMillis) {}
