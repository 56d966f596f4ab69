package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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

/**
 * BroadWorks / Webex Calling shape as described for issue 3 (root {@code recording_metadata}, siprec namespace,
 * parents referenced by attributes as in draft-ram-siprec-metadata-format, {@code <send><id>..</id></send>},
 * extensiondata with call ids and numbers). The vendor guide itself was not available: this fixture follows the
 * issue's description, not a captured document.
 */
class BroadWorksDialectTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    static final String DOC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording_metadata xmlns="urn:ietf:params:xml:ns:siprec">
              <dataMode>complete</dataMode>
              <group id="grp-bw-77">
                <associate-time>2026-12-02T11:00:00.000Z</associate-time>
              </group>
              <session id="sess-bw-77" group="grp-bw-77">
                <start-time>2026-12-02T11:00:00.100Z</start-time>
              </session>
              <participant id="p-sub" session="sess-bw-77">
                <nameID aor="sip:+12025550101@as.example.com"><name>Carol Subscriber</name></nameID>
                <send><id>s-sub</id></send>
                <recv><id>s-remote</id></recv>
                <extensiondata xmlns:bw="http://schema.broadsoft.com/siprec/extension">
                  <bw:callId>callhalf-9912:0</bw:callId>
                  <bw:userNumber>+12025550101</bw:userNumber>
                </extensiondata>
              </participant>
              <participant id="p-remote" session="sess-bw-77">
                <nameID aor="tel:+12025550199"/>
                <send><id>s-remote</id></send>
                <recv><id>s-sub</id></recv>
              </participant>
              <stream id="s-sub" session="sess-bw-77"><label>1</label></stream>
              <stream id="s-remote" session="sess-bw-77"><label>2</label></stream>
              <extensiondata xmlns:bw="http://schema.broadsoft.com/siprec/extension">
                <bw:extTrackingId>77:1</bw:extTrackingId>
              </extensiondata>
            </recording_metadata>
            """;

    @Test
    void broadWorksDocumentIsNormalised() {
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(DOC)).doc();
        assertEquals("broadworks", doc.dialect());
        assertEquals("complete", doc.dataMode());
        assertEquals(List.of(new MetadataGroup("grp-bw-77", List.of("2026-12-02T11:00:00.000Z"))), doc.groups());
        assertEquals(List.of(new MetadataSession("sess-bw-77", List.of(), "2026-12-02T11:00:00.100Z", null,
                "grp-bw-77")), doc.sessions());
        assertEquals(List.of(
                new MetadataParticipant("p-sub", "Carol Subscriber", "sip:+12025550101@as.example.com",
                        "+12025550101", List.of("s-sub"), List.of("s-remote"), null, null,
                        List.of("<extensiondata xmlns:bw=\"http://schema.broadsoft.com/siprec/extension\""
                                + " xmlns=\"urn:ietf:params:xml:ns:siprec\">\n"
                                + "      <bw:callId>callhalf-9912:0</bw:callId>\n"
                                + "      <bw:userNumber>+12025550101</bw:userNumber>\n    </extensiondata>")),
                new MetadataParticipant("p-remote", null, "tel:+12025550199", "+12025550199", List.of("s-remote"),
                        List.of("s-sub"), null, null, List.of())), doc.participants());
        assertEquals(List.of(new MetadataStream("s-sub", "1", "sess-bw-77", false),
                new MetadataStream("s-remote", "2", "sess-bw-77", false)), doc.streams());
        assertEquals(List.of("<extensiondata xmlns:bw=\"http://schema.broadsoft.com/siprec/extension\""
                                + " xmlns=\"urn:ietf:params:xml:ns:siprec\">\n"
                + "    <bw:extTrackingId>77:1</bw:extTrackingId>\n  </extensiondata>"), doc.extensions());
    }
}
