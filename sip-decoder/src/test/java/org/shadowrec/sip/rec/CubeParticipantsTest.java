package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.rec.Channel;
import org.shadowrec.sip.api.rec.ChannelOrder;
import org.shadowrec.sip.api.rec.CubeParticipant;
import org.shadowrec.sip.api.rec.CubeParticipants;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.SiprecInvite;

/**
 * Cisco CUBE network-based recording: no XML, one {@code X-Cisco-Recording-Participant} header per forked stream
 * with {@code media-index="N"} (shape from the CUBE "Network-Based Recording" guide's debug output; values invented).
 */
class CubeParticipantsTest {
    static final String HEAD = """
            INVITE sip:5000@10.50.0.7:5060 SIP/2.0
            Via: SIP/2.0/TCP 10.50.0.10:5060;branch=z9hG4bK2AB4C
            X-Cisco-Recording-Participant: sip:4401@10.50.1.5;media-index="0"
            X-Cisco-Recording-Participant: <sip:%2B4930777@10.50.1.32>;media-index="1"
            From: <sip:10.50.0.10>;tag=77A1B-2C
            To: <sip:5000@10.50.0.7>
            Call-ID: 1F2E3D4C-11E0-80EA-E01B4C27AA62@10.50.0.10
            CSeq: 101 INVITE
            Max-Forwards: 70
            Contact: <sip:10.50.0.10:5060;transport=tcp>
            Content-Type: application/sdp
            """;

    static final String SDP = """
            v=0
            o=CiscoSystemsSIP-GW-UserAgent 1 1 IN IP4 10.50.0.10
            s=SIP Call
            c=IN IP4 10.50.0.10
            t=0 0
            m=audio 17070 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=sendonly
            m=audio 17072 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=sendonly
            """;

    @Test
    void headersMapParticipantsToMLines() {
        SipMessage m = RecFixtures.decode(HEAD, RecFixtures.crlf(SDP));
        CubeParticipants cube = CubeParticipants.from(m);
        assertEquals(List.of(new CubeParticipant("sip:4401@10.50.1.5", "4401", 0),
                new CubeParticipant("sip:%2B4930777@10.50.1.32", "+4930777", 1)), cube.participants());
        assertEquals("4401", cube.atMediaIndex(0).number());
        assertNull(cube.atMediaIndex(2));
        assertNull(SiprecInvite.detect(m), "CUBE network-based recording is not SIPREC");

        RecordingMetadataDoc doc = cube.toMetadata();
        assertEquals("cube", doc.dialect());
        List<Channel> channels = ChannelOrder.channels(m.sdp(), doc);
        assertEquals(2, channels.size());
        assertEquals("4401", channels.get(0).participant().number());
        assertEquals("+4930777", channels.get(1).participant().number());
        assertFalse(channels.get(0).mixed());
        assertEquals(1, channels.get(1).mLineIndex());
    }

    @Test
    void commaSeparatedAndUnquotedValues() {
        String head = HEAD.replace("""
                X-Cisco-Recording-Participant: sip:4401@10.50.1.5;media-index="0"
                X-Cisco-Recording-Participant: <sip:%2B4930777@10.50.1.32>;media-index="1"
                """, """
                x-cisco-recording-participant: sip:4401@10.50.1.5;media-index=1, <sip:4402@10.50.1.6>;media-index=0
                """);
        CubeParticipants cube = CubeParticipants.from(RecFixtures.decode(head, RecFixtures.crlf(SDP)));
        assertEquals(List.of(new CubeParticipant("sip:4401@10.50.1.5", "4401", 1),
                new CubeParticipant("sip:4402@10.50.1.6", "4402", 0)), cube.participants());
    }

    @Test
    void unusableValuesAreSkipped() {
        String head = HEAD.replace("media-index=\"0\"", "media-index=\"zero\"")
                .replace(";media-index=\"1\"", "");
        assertNull(CubeParticipants.from(RecFixtures.decode(head, RecFixtures.crlf(SDP))));
        String negative = HEAD.replace("media-index=\"0\"", "media-index=\"-1\"");
        assertEquals(1, CubeParticipants.from(RecFixtures.decode(negative, RecFixtures.crlf(SDP)))
                .participants().size());
        assertNull(CubeParticipants.from(RecFixtures.decode(BibLegTest.invite("<sip:a@b>", "x@y"),
                RecFixtures.crlf(SDP))));
        assertNull(CubeParticipants.from(null));
    }
}
