package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.rec.Channel;
import org.shadowrec.sip.api.rec.ChannelOrder;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;
import org.shadowrec.sip.api.rec.SiprecInvite;

/**
 * A whole SIPREC INVITE (RFC 7866 §6.1 / §8.1 shape; values invented) through {@link org.shadowrec.sip.api.SipDecoder},
 * {@link SiprecInvite#detect}, the metadata parser and {@link ChannelOrder}: metadata part first, SDP second, the
 * closing delimiter without its trailing {@code --}, more streams in the metadata than m-lines.
 */
class SiprecInviteEndToEndTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    static final String HEAD = """
            INVITE sip:srs@10.0.0.100:5060;transport=tcp SIP/2.0
            Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK-src-41
            From: <sip:src@10.0.0.1>;tag=a1b2c3
            To: <sip:srs@10.0.0.100>
            Call-ID: 9c1f-rs-1@10.0.0.1
            CSeq: 1 INVITE
            Max-Forwards: 70
            Require: siprec
            Accept: application/sdp, application/rs-metadata
            Contact: <sip:src@10.0.0.1:5060;transport=tcp>;+sip.src
            Content-Type: multipart/mixed;boundary=rec-bnd-7
            """;

    static final String METADATA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <datamode>complete</datamode>
              <session session_id="c2Vzcy1lMmU=">
                <sipSessionID>aa11bb22cc33dd44ee55ff6677889900;remote=00998877665544332211ffeeddccbbaa</sipSessionID>
              </session>
              <participant participant_id="cC1jdXN0">
                <nameID aor="sip:+4930555000@carrier.example"><name>Customer</name></nameID>
              </participant>
              <participant participant_id="cC1hZ2VudA">
                <nameID aor="sip:2001@pbx.example"><name>Agent 2001</name></nameID>
              </participant>
              <participant participant_id="cC1jb2FjaA">
                <nameID aor="sip:2900@pbx.example"><name>Coach</name></nameID>
              </participant>
              <stream stream_id="cy1jdXN0" session_id="c2Vzcy1lMmU="><label>1</label></stream>
              <stream stream_id="cy1hZ2VudA" session_id="c2Vzcy1lMmU="><label>2</label></stream>
              <stream stream_id="cy12aWRlbw" session_id="c2Vzcy1lMmU="><label>3</label></stream>
              <stream stream_id="cy1leHRyYQ" session_id="c2Vzcy1lMmU="><label>99</label></stream>
              <participantstreamassoc participant_id="cC1jdXN0"><send>cy1jdXN0</send></participantstreamassoc>
              <participantstreamassoc participant_id="cC1hZ2VudA">
                <send>cy1hZ2VudA</send><send>cy12aWRlbw</send>
              </participantstreamassoc>
              <participantstreamassoc participant_id="cC1jb2FjaA"><send>cy1hZ2VudA</send></participantstreamassoc>
            </recording>
            """;

    static final String SDP = """
            v=0
            o=SRC 2890844526 2890844526 IN IP4 10.0.0.1
            s=-
            c=IN IP4 10.0.0.1
            t=0 0
            m=audio 40000 RTP/AVP 8
            a=rtpmap:8 PCMA/8000
            a=label:1
            a=sendonly
            m=video 40004 RTP/AVP 96
            a=rtpmap:96 H264/90000
            a=label:3
            a=sendonly
            m=audio 40002 RTP/AVP 8
            a=rtpmap:8 PCMA/8000
            a=label:2
            a=sendonly
            m=audio 40006 RTP/AVP 8
            a=rtpmap:8 PCMA/8000
            a=sendonly
            """;

    static String body() {
        return "--rec-bnd-7\r\n"
                + "Content-Type: application/rs-metadata+xml\r\n"
                + "Content-Disposition: recording-session\r\n"
                + "\r\n"
                + RecFixtures.crlf(METADATA)
                + "\r\n--rec-bnd-7\r\n"
                + "Content-Type: application/sdp\r\n"
                + "\r\n"
                + RecFixtures.crlf(SDP)
                + "\r\n--rec-bnd-7\r\n";
    }

    @Test
    void inviteToChannels() {
        SipMessage m = RecFixtures.decode(HEAD, body());
        SiprecInvite siprec = SiprecInvite.detect(m);
        assertTrue(siprec.requireSiprec());
        assertFalse(siprec.supportedSiprec());
        assertTrue(siprec.srcContact());
        assertTrue(siprec.recordingDisposition());
        assertEquals("application/rs-metadata+xml", siprec.metadataPart().contentType());

        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class,
                parser.parse(siprec.metadataPart())).doc();
        assertEquals("rfc7865", doc.dialect());
        assertEquals(3, doc.participants().size());
        assertEquals(4, doc.streams().size());

        List<Channel> channels = ChannelOrder.channels(m.sdp(), doc);
        assertEquals(3, channels.size(), "audio m-lines only");

        Channel c0 = channels.get(0);
        assertEquals(0, c0.index());
        assertEquals(0, c0.mLineIndex());
        assertEquals("1", c0.label());
        assertEquals("cy1jdXN0", c0.stream().id());
        assertEquals("Customer", c0.participant().name());
        assertFalse(c0.mixed());

        Channel c1 = channels.get(1);
        assertEquals(1, c1.index());
        assertEquals(2, c1.mLineIndex());
        assertEquals("Agent 2001", c1.participant().name());
        assertEquals(List.of("Agent 2001", "Coach"), c1.senders().stream().map(MetadataParticipant::name).toList());
        assertTrue(c1.mixed(), "two senders on one stream");

        Channel c2 = channels.get(2);
        assertEquals(3, c2.mLineIndex());
        assertNull(c2.label());
        assertNull(c2.stream());
        assertNull(c2.participant());
        assertEquals(List.of(), c2.senders());
        assertFalse(c2.mixed());
    }

    @Test
    void supportedOnlyAndContactFeatureTagAreEnoughToDetect() {
        String head = HEAD.replace("Require: siprec\n", "Supported: timer, siprec, 100rel\n");
        SiprecInvite s = SiprecInvite.detect(RecFixtures.decode(head, body()));
        assertFalse(s.requireSiprec());
        assertTrue(s.supportedSiprec());
        assertTrue(s.srcContact());

        String bare = HEAD.replace("Require: siprec\n", "").replace(";+sip.src", "");
        SiprecInvite byPart = SiprecInvite.detect(RecFixtures.decode(bare, body()));
        assertFalse(byPart.requireSiprec() || byPart.supportedSiprec() || byPart.srcContact());
        assertTrue(byPart.recordingDisposition());
    }

    @Test
    void ordinaryInviteIsNotSiprec() {
        String head = HEAD.replace("Require: siprec\n", "Require: 100rel\n").replace(";+sip.src", ";+sip.srcx")
                .replace("multipart/mixed;boundary=rec-bnd-7", "application/sdp");
        SipMessage m = RecFixtures.decode(head, RecFixtures.crlf(SDP));
        assertNull(SiprecInvite.detect(m));
        assertNull(SiprecInvite.detect(null));
    }

    /** A mixed stream marked by the SRC is a mixed channel even with one sender; null metadata gives bare channels. */
    @Test
    void mixedMarkAndMissingMetadata() {
        SipMessage m = RecFixtures.decode(HEAD, body());
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(
                METADATA.replace("<label>1</label>", "<label>1</label><mode>mixed</mode>"))).doc();
        assertTrue(ChannelOrder.channels(m.sdp(), doc).get(0).mixed());
        List<Channel> bare = ChannelOrder.channels(m.sdp(), null);
        assertEquals(3, bare.size());
        assertNull(bare.get(0).participant());
        assertEquals(List.of(), ChannelOrder.channels(null, doc));
    }

    /**
     * A mid-session UPDATE carrying only a partial metadata document (RFC 7866 §8.2.2): detected by its part alone,
     * parsed, merged into the INVITE's document; the channel order of the INVITE's SDP then names the new sender.
     */
    @Test
    void partialMetadataUpdateMergesIntoTheSession() {
        SipMessage invite = RecFixtures.decode(HEAD, body());
        RecordingMetadataDoc base = assertInstanceOf(MetadataResult.Parsed.class,
                parser.parse(SiprecInvite.detect(invite).metadataPart())).doc();
        String head = """
                UPDATE sip:srs@10.0.0.100:5060;transport=tcp SIP/2.0
                Via: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK-src-42
                From: <sip:src@10.0.0.1>;tag=a1b2c3
                To: <sip:srs@10.0.0.100>;tag=srs-9
                Call-ID: 9c1f-rs-1@10.0.0.1
                CSeq: 2 UPDATE
                Max-Forwards: 70
                Content-Type: application/rs-metadata+xml
                Content-Disposition: recording-session
                """;
        String partial = """
                <?xml version="1.0" encoding="UTF-8"?>
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <datamode>partial</datamode>
                  <participant participant_id="cC14ZmVy">
                    <nameID aor="sip:2002@pbx.example"><name>Agent 2002</name></nameID>
                  </participant>
                  <participantsessionassoc participant_id="cC1hZ2VudA" session_id="c2Vzcy1lMmU=">
                    <disassociate-time>2026-12-02T13:00:10Z</disassociate-time>
                  </participantsessionassoc>
                  <participantstreamassoc participant_id="cC1hZ2VudA"><recv>cy1jdXN0</recv></participantstreamassoc>
                  <participantstreamassoc participant_id="cC14ZmVy"><send>cy1hZ2VudA</send></participantstreamassoc>
                  <participantstreamassoc participant_id="cC1jb2FjaA"><recv>cy1jdXN0</recv></participantstreamassoc>
                </recording>
                """;
        SipMessage update = RecFixtures.decode(head, RecFixtures.crlf(partial));
        SiprecInvite s = SiprecInvite.detect(update);
        assertTrue(s.recordingDisposition());
        RecordingMetadataDoc delta = assertInstanceOf(MetadataResult.Parsed.class,
                parser.parse(s.metadataPart())).doc();
        assertTrue(delta.partial());
        RecordingMetadataDoc merged = RecordingMetadataParser.merge(base, delta);
        assertEquals("2026-12-02T13:00:10Z", merged.participant("cC1hZ2VudA").disassociateTime());
        assertEquals(List.of(), merged.participant("cC1hZ2VudA").sends());
        Channel agentChannel = ChannelOrder.channels(invite.sdp(), merged).get(1);
        assertEquals("Agent 2002", agentChannel.participant().name());
        assertFalse(agentChannel.mixed(), "the coach now only receives");
    }
}
