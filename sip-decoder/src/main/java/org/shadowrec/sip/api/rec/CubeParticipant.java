package org.shadowrec.sip.api.rec;

/**
 * One {@code X-Cisco-Recording-Participant} value of a Cisco CUBE network-based recording INVITE, e.g.
 * {@code sip:708090@10.42.30.5;media-index="0"}.
 *
 * @param uri the participant URI without parameters, e.g. {@code sip:708090@10.42.30.5}
 * @param number user part of the URI (%-unescaped), or null
 * @param mediaIndex 0-based index of the SDP m-line that carries this participant's voice
 */
public record CubeParticipant(String uri, String number, int mediaIndex) {}
