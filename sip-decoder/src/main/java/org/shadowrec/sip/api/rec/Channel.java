package org.shadowrec.sip.api.rec;

import java.util.List;

/**
 * One channel of a recording: one audio m-line of the recording session's SDP.
 *
 * @param index 0-based channel number (counts audio m-lines only)
 * @param mLineIndex 0-based index of the m-line among all m-lines of the SDP
 * @param label the m-line's {@code a=label}, or null
 * @param stream the metadata stream whose label matches, or null
 * @param participant the (first) participant that sends that stream, or null if none
 * @param senders every participant that sends that stream, in document order
 * @param mixed several senders, or the stream is marked mixed
 */
public record Channel(int index, int mLineIndex, String label, MetadataStream stream, MetadataParticipant participant,
                      List<MetadataParticipant> senders, boolean mixed) {
    public Channel {
        senders = List.copyOf(senders);
    }
}
