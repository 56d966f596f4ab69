package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.rec.BibLeg;

/**
 * Cisco Unified CM Built-in-Bridge recording INVITEs. The From headers follow the shape shown in the CUCM 15
 * "Recording Use Cases" guide ({@code <sip:2000@ucm1;x-nearend;x-refci=..;x-nearenddevice=..;x-farendrefci=..;
 * x-farenddevice=..;x-farendaddr=..>}), extended with the cluster id, address and GUID parameters; values invented.
 */
class BibLegTest {
    private static final String SDP = """
            v=0
            o=CiscoSystemsCCM-SIP 2000 1 IN IP4 10.1.1.10
            s=SIP Call
            c=IN IP4 10.1.2.20
            t=0 0
            m=audio 24580 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=sendonly
            """;

    static String invite(String from, String callId) {
        return """
                INVITE sip:7777@10.9.9.9:5060 SIP/2.0
                Via: SIP/2.0/TCP 10.1.1.10:5060;branch=z9hG4bK1f2e3d
                From: %s;tag=11223~aabbccdd-1
                To: <sip:7777@10.9.9.9>
                Call-ID: %s
                CSeq: 101 INVITE
                Max-Forwards: 70
                Contact: <sip:2000@10.1.1.10:5060;transport=tcp>
                Content-Type: application/sdp
                """.formatted(from, callId);
    }

    private static SipMessage decodeInvite(String from) {
        return RecFixtures.decode(invite(from, "c1e7a2-bib@10.1.1.10"), RecFixtures.crlf(SDP));
    }

    @Test
    void nearEndLegWithEveryParameter() {
        SipMessage m = decodeInvite("<sip:2000@10.1.1.10;x-nearend;x-refci=25438295;x-nearendclusterid=CUCM-EU1"
                + ";x-nearenddevice=SEP00AABBCCDDEE;x-nearendaddr=2000;x-farendrefci=25438294"
                + ";x-farendclusterid=CUCM-US2;x-farenddevice=SEP001122334455;x-farendaddr=4930555123"
                + ";x-nearendguid=6D1E3F2A00010000000000B30A01010A;x-farendguid=6D1E3F2A00010000000000B20A01010A>");
        assertEquals(new BibLeg(true, "25438295", "CUCM-EU1", "SEP00AABBCCDDEE", "2000", "25438294", "CUCM-US2",
                "SEP001122334455", "4930555123", "6D1E3F2A00010000000000B30A01010A",
                "6D1E3F2A00010000000000B20A01010A"), BibLeg.from(m));
    }

    @Test
    void farEndLegFromTheGuideShape() {
        SipMessage m = decodeInvite("<sip:2000@ucm1;x-farend;x-refci=ci2;x-nearenddevice=deviceB"
                + ";x-farendrefci=ci1;x-farenddevice=deviceA;x-farendaddr=1000>");
        assertEquals(new BibLeg(false, "ci2", null, "deviceB", null, "ci1", null, "deviceA", "1000", null, null),
                BibLeg.from(m));
    }

    @Test
    void escapedValuesAreUnescaped() {
        SipMessage m = decodeInvite("<sip:2000@10.1.1.10;x-nearend;x-refci=25438297;x-nearenddevice=Agent%20Phone%201"
                + ";x-nearendaddr=%2B4930123;x-farendrefci=25438296;x-farendaddr=alice%40example.com"
                + ";x-farenddevice=%53EP00FF;x-farendguid=ab%2540cd>");
        BibLeg leg = BibLeg.from(m);
        assertEquals("Agent Phone 1", leg.nearEndDevice());
        assertEquals("+4930123", leg.nearEndAddr());
        assertEquals("alice@example.com", leg.farEndAddr());
        assertEquals("SEP00FF", leg.farEndDevice());
        assertEquals("ab%40cd", leg.farEndGuid(), "unescaped once, not twice");
        assertEquals("25438297", leg.refci());
    }

    @Test
    void ordinaryInviteIsNotABibLeg() {
        assertNull(BibLeg.from(decodeInvite("\"Alice\" <sip:alice@atlanta.example.com>")));
        assertNull(BibLeg.from(decodeInvite("<sip:2000@10.1.1.10;x-refci=1234>")));
        assertNull(BibLeg.from(decodeInvite("<sip:2000@10.1.1.10;x-nearend>")));
        assertNull(BibLeg.from(decodeInvite("<sip:2000@10.1.1.10;x-nearend;x-refci=>")));
        assertNull(BibLeg.from(decodeInvite("<sip:2000@10.1.1.10;x-nearend;x-farend;x-refci=5>")));
        assertNull(BibLeg.from(null));
    }

    /** Parameter names are case-insensitive (RFC 3261 §19.1.4). */
    @Test
    void parameterNamesIgnoreCase() {
        SipMessage m = decodeInvite("<sip:2000@10.1.1.10;X-NearEnd;X-RefCI=77;X-FarEndAddr=1000>");
        assertEquals(new BibLeg(true, "77", null, null, null, null, null, null, "1000", null, null),
                BibLeg.from(m));
    }

    /** CUCM updates the far end in a mid-dialog UPDATE (transfer, conference): the same view applies. */
    @Test
    void updateCarriesTheNewFarEnd() {
        String update = invite("<sip:2000@10.1.1.10;x-farend;x-refci=25438295;x-nearendaddr=2000"
                + ";x-farendrefci=25438301;x-farendaddr=3100;x-farenddevice=SEP0000CAFE0001>", "c1e7a2-bib@10.1.1.10")
                .replace("INVITE sip:7777@10.9.9.9:5060 SIP/2.0", "UPDATE sip:7777@10.9.9.9:5060 SIP/2.0")
                .replace("CSeq: 101 INVITE", "CSeq: 102 UPDATE")
                .replace("To: <sip:7777@10.9.9.9>", "To: <sip:7777@10.9.9.9>;tag=srs-1")
                .replace("Content-Type: application/sdp\n", "");
        SipMessage m = RecFixtures.decode(update, "");
        assertEquals("UPDATE", m.method());
        assertEquals(new BibLeg(false, "25438295", null, null, "2000", "25438301", null, "SEP0000CAFE0001", "3100",
                null, null), BibLeg.from(m));
    }
}
