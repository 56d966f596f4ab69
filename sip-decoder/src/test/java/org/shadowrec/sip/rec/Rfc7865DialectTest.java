package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.rec.MetadataGroup;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.MetadataSession;
import org.shadowrec.sip.api.rec.MetadataStream;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;

/** RFC 7865 §6 shape: participants, streams and associations as separate top-level elements. */
class Rfc7865DialectTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    static final String COMPLETE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <dataMode>complete</dataMode>
              <group group_id="Grp1QmFzZTY0PT0=">
                <associate-time>2026-12-02T08:00:00Z</associate-time>
              </group>
              <session session_id="U2Vzc2lvbkFBQUE=">
                <sipSessionID>0f1e2d3c4b5a69788796a5b4c3d2e1f0;remote=00112233445566778899aabbccddeeff</sipSessionID>
                <group-ref>Grp1QmFzZTY0PT0=</group-ref>
                <start-time>2026-12-02T08:00:01Z</start-time>
              </session>
              <participant participant_id="UGFydEFsaWNl">
                <nameID aor="sip:%2B4930123@pbx.example.net">
                  <name xml:lang="de">Alice Agent</name>
                </nameID>
              </participant>
              <participant participant_id="UGFydEJvYg">
                <nameID aor="tel:+15550100;phone-context=example.net"/>
              </participant>
              <stream stream_id="U3RyZWFtMQ" session_id="U2Vzc2lvbkFBQUE=">
                <label>10</label>
              </stream>
              <stream stream_id="U3RyZWFtMg" session_id="U2Vzc2lvbkFBQUE=">
                <label>11</label>
              </stream>
              <sessionrecordingassoc session_id="U2Vzc2lvbkFBQUE=">
                <associate-time>2026-12-02T08:00:02Z</associate-time>
              </sessionrecordingassoc>
              <participantsessionassoc participant_id="UGFydEFsaWNl" session_id="U2Vzc2lvbkFBQUE=">
                <associate-time>2026-12-02T08:00:03Z</associate-time>
              </participantsessionassoc>
              <participantstreamassoc participant_id="UGFydEFsaWNl">
                <send>U3RyZWFtMQ</send>
                <recv>U3RyZWFtMg</recv>
              </participantstreamassoc>
              <participantstreamassoc participant_id="UGFydEJvYg">
                <send>U3RyZWFtMg</send>
                <recv>U3RyZWFtMQ</recv>
              </participantstreamassoc>
            </recording>
            """;

    @Test
    void completeDocumentIsNormalised() {
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(COMPLETE)).doc();
        assertEquals("rfc7865", doc.dialect());
        assertEquals("complete", doc.dataMode());
        assertEquals(List.of(new MetadataGroup("Grp1QmFzZTY0PT0=", List.of("2026-12-02T08:00:00Z"))), doc.groups());
        assertEquals(List.of(new MetadataSession("U2Vzc2lvbkFBQUE=",
                List.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0;remote=00112233445566778899aabbccddeeff"),
                "2026-12-02T08:00:01Z", null, "Grp1QmFzZTY0PT0=")), doc.sessions());
        assertEquals(List.of(
                new MetadataParticipant("UGFydEFsaWNl", "Alice Agent", "sip:%2B4930123@pbx.example.net", "+4930123",
                        List.of("U3RyZWFtMQ"), List.of("U3RyZWFtMg"), "2026-12-02T08:00:03Z", null, List.of()),
                new MetadataParticipant("UGFydEJvYg", null, "tel:+15550100;phone-context=example.net", "+15550100",
                        List.of("U3RyZWFtMg"), List.of("U3RyZWFtMQ"), null, null, List.of())),
                doc.participants());
        assertEquals(List.of(new MetadataStream("U3RyZWFtMQ", "10", "U2Vzc2lvbkFBQUE=", false),
                new MetadataStream("U3RyZWFtMg", "11", "U2Vzc2lvbkFBQUE=", false)), doc.streams());
        assertEquals(List.of(), doc.extensions());
        assertTrue(doc.xml().contains("<label>11</label>"));
    }
}
