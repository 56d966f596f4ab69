package org.shadowrec.correlator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.correlator.api.Endpoint;
import org.shadowrec.rtp.api.PayloadFormat;
import org.shadowrec.sip.api.Direction;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.RtpMap;
import org.shadowrec.sip.api.SessionDescription;

/** Which endpoint an SDP announces as its receive address (RFC 3264 §5, §6, §8.4; RFC 3605). */
class SdpMediaTest {

    private static MediaDescription audio(int port, String c, int rtcpPort) {
        return new MediaDescription("audio", port, "RTP/AVP", List.of(0, 101), c, Direction.SENDRECV,
                Map.of(0, new RtpMap(0, "PCMU", 8000, 1), 101, new RtpMap(101, "telephone-event", 8000, 1)),
                null, 20, rtcpPort);
    }

    private static MediaDescription video(int port) {
        return new MediaDescription("video", port, "RTP/AVP", List.of(96), "10.0.0.1", Direction.SENDRECV,
                Map.of(96, new RtpMap(96, "H264", 90000, 1)), null, 0, 0);
    }

    @Test
    void first_audio_line_with_a_port_wins_and_rtcp_is_the_next_port() {
        SessionDescription sdp = new SessionDescription("o", "10.0.0.1",
                List.of(video(5000), audio(0, null, 0), audio(4000, null, 0), audio(4100, null, 0)));
        SdpMedia m = SdpMedia.of(sdp);
        assertEquals(Endpoint.parse("10.0.0.1", 4000), m.rtp());
        assertEquals(Endpoint.parse("10.0.0.1", 4001), m.rtcp());
        assertEquals(Map.of(0, new PayloadFormat(0, "PCMU", 8000), 101, new PayloadFormat(101, "TELEPHONE-EVENT", 8000)),
                m.formats());
    }

    @Test
    void media_level_connection_and_a_rtcp_port_are_used() {
        SessionDescription sdp = new SessionDescription("o", "10.0.0.1", List.of(audio(4000, "10.0.0.9", 4500)));
        SdpMedia m = SdpMedia.of(sdp);
        assertEquals(Endpoint.parse("10.0.0.9", 4000), m.rtp());
        assertEquals(Endpoint.parse("10.0.0.9", 4500), m.rtcp());
    }

    @Test
    void ipv6_connection_address() {
        SessionDescription sdp = new SessionDescription("o", "2001:db8::5", List.of(audio(4000, null, 0)));
        assertEquals("[2001:db8::5]:4000", SdpMedia.of(sdp).rtp().toString());
    }

    @Test
    void hold_address_rejected_stream_and_host_names_announce_nothing() {
        assertNull(SdpMedia.of(new SessionDescription("o", "0.0.0.0", List.of(audio(4000, null, 0)))));
        assertNull(SdpMedia.of(new SessionDescription("o", "::", List.of(audio(4000, null, 0)))));
        assertNull(SdpMedia.of(new SessionDescription("o", "10.0.0.1", List.of(audio(0, null, 0)))));
        assertNull(SdpMedia.of(new SessionDescription("o", "pbx.example.com", List.of(audio(4000, null, 0)))));
        assertNull(SdpMedia.of(new SessionDescription("o", "10.0.0.1", List.of(video(4000)))));
        assertNull(SdpMedia.of(new SessionDescription("o", null, List.of(audio(4000, null, 0)))));
        assertNull(SdpMedia.of(null));
    }
}
