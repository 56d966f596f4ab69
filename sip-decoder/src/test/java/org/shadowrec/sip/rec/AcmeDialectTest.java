package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.MetadataSession;
import org.shadowrec.sip.api.rec.MetadataStream;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;

/**
 * Oracle / Acme Packet SBC shape (draft-ietf-siprec-metadata namespace without version, {@code id}/{@code session}
 * attributes, {@code <send>} nested in the participant, {@code apkt} extension data), written for this test after the
 * Oracle SBC "Sample Metadata" pages.
 */
class AcmeDialectTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    static final String DOC = """
            <?xml version='1.0' encoding='UTF-8'?>
            <recording xmlns='urn:ietf:params:xml:ns:recording'>
              <datamode>complete</datamode>
              <session id="c2Vzcy1hY21lLTE=">
                <associate-time>2026-12-02T09:15:00</associate-time>
                <extensiondata xmlns:apkt="http://acmepacket.com/siprec/extensiondata">
                  <apkt:ucid>00FA0800AB12CD;encoding=hex</apkt:ucid>
                  <apkt:callerOrig>true</apkt:callerOrig>
                </extensiondata>
              </session>
              <participant id="cGFydC1jYWxsZXI=" session="c2Vzcy1hY21lLTE=">
                <nameID aor="sip:4930555123@carrier.example">
                  <name>"OUTSIDE CALLER"</name>
                </nameID>
                <send>c3RyLWNhbGxlcg==</send>
                <associate-time>2026-12-02T09:15:00</associate-time>
                <extensiondata xmlns:apkt="http://acmepacket.com/siprec/extensiondata">
                  <apkt:callingParty>true</apkt:callingParty>
                </extensiondata>
              </participant>
              <participant id="cGFydC1hZ2VudA==" session="c2Vzcy1hY21lLTE=">
                <nameID aor="sip:7001@pbx.example">
                  <name>7001 </name>
                </nameID>
                <send>c3RyLWFnZW50</send>
                <associate-time>2026-12-02T09:15:01</associate-time>
              </participant>
              <stream id="c3RyLWNhbGxlcg==" session="c2Vzcy1hY21lLTE=">
                <label>553654187</label>
                <mode>separate</mode>
              </stream>
              <stream id="c3RyLWFnZW50" session="c2Vzcy1hY21lLTE=">
                <label>553654188</label>
                <mode>separate</mode>
              </stream>
            </recording>
            """;

    @Test
    void acmeDocumentIsNormalised() {
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(DOC)).doc();
        assertEquals("acme", doc.dialect());
        assertEquals("complete", doc.dataMode());
        assertEquals(List.of(), doc.groups());
        assertEquals(List.of(new MetadataSession("c2Vzcy1hY21lLTE=", List.of(), "2026-12-02T09:15:00", null, null)),
                doc.sessions());
        assertEquals(List.of(
                new MetadataParticipant("cGFydC1jYWxsZXI=", "OUTSIDE CALLER", "sip:4930555123@carrier.example",
                        "4930555123", List.of("c3RyLWNhbGxlcg=="), List.of(), "2026-12-02T09:15:00", null,
                        List.of("<extensiondata xmlns:apkt=\"http://acmepacket.com/siprec/extensiondata\""
                                + " xmlns=\"urn:ietf:params:xml:ns:recording\">\n"
                                + "      <apkt:callingParty>true</apkt:callingParty>\n    </extensiondata>")),
                new MetadataParticipant("cGFydC1hZ2VudA==", "7001", "sip:7001@pbx.example", "7001",
                        List.of("c3RyLWFnZW50"), List.of(), "2026-12-02T09:15:01", null, List.of())),
                doc.participants());
        assertEquals(List.of(new MetadataStream("c3RyLWNhbGxlcg==", "553654187", "c2Vzcy1hY21lLTE=", false),
                new MetadataStream("c3RyLWFnZW50", "553654188", "c2Vzcy1hY21lLTE=", false)), doc.streams());
        assertEquals(List.of("<extensiondata xmlns:apkt=\"http://acmepacket.com/siprec/extensiondata\""
                + " xmlns=\"urn:ietf:params:xml:ns:recording\">\n"
                + "      <apkt:ucid>00FA0800AB12CD;encoding=hex</apkt:ucid>\n"
                + "      <apkt:callerOrig>true</apkt:callerOrig>\n    </extensiondata>"), doc.extensions());
    }

    /** The extension fragments are well-formed XML on their own: they parse again as a document. */
    @Test
    void extensionFragmentsAreSelfContained() throws Exception {
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(DOC)).doc();
        for (String frag : doc.extensions()) {
            javax.xml.stream.XMLStreamReader r = javax.xml.stream.XMLInputFactory.newFactory()
                    .createXMLStreamReader(new java.io.StringReader(frag));
            while (r.hasNext()) {
                r.next();
            }
        }
    }

    /**
     * The older draft layout of the same SBC family: {@code <aor>} and {@code <name>} directly in the participant,
     * {@code <start-time>} for times, {@code <mode>} in the stream, and extension data attached by a {@code parent}
     * attribute at top level.
     */
    @Test
    void olderDraftLayout() {
        String xml = """
                <?xml version='1.0' encoding='UTF-8'?>
                <recording xmlns='urn:ietf:params:xml:ns:recording'>
                  <dataMode>complete</dataMode>
                  <session id="urn:uuid:0b0c1d2e-0000-4000-8000-000000000001">
                    <start-time>2026-12-02T09:30:00</start-time>
                  </session>
                  <participant id="urn:uuid:0b0c1d2e-0000-4000-8000-0000000000a1"
                      session="urn:uuid:0b0c1d2e-0000-4000-8000-000000000001">
                    <aor>sip:caller@192.0.2.40</aor>
                    <name>caller </name>
                    <send>urn:uuid:0b0c1d2e-0000-4000-8000-0000000000s1</send>
                    <start-time>2026-12-02T09:30:00</start-time>
                  </participant>
                  <participant id="urn:uuid:0b0c1d2e-0000-4000-8000-0000000000a2"
                      session="urn:uuid:0b0c1d2e-0000-4000-8000-000000000001">
                    <aor>sip:service@192.0.2.60</aor>
                  </participant>
                  <stream id="urn:uuid:0b0c1d2e-0000-4000-8000-0000000000s1"
                      session="urn:uuid:0b0c1d2e-0000-4000-8000-000000000001">
                    <label>1</label>
                    <mode>separate</mode>
                    <start-time>2026-12-02T09:30:00</start-time>
                  </stream>
                  <extensiondata parent="urn:uuid:0b0c1d2e-0000-4000-8000-0000000000a2"><x>y</x></extensiondata>
                </recording>
                """;
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(xml)).doc();
        assertEquals("acme", doc.dialect());
        assertEquals(List.of(new MetadataSession("urn:uuid:0b0c1d2e-0000-4000-8000-000000000001", List.of(),
                "2026-12-02T09:30:00", null, null)), doc.sessions());
        assertEquals(List.of(
                new MetadataParticipant("urn:uuid:0b0c1d2e-0000-4000-8000-0000000000a1", "caller",
                        "sip:caller@192.0.2.40", "caller", List.of("urn:uuid:0b0c1d2e-0000-4000-8000-0000000000s1"),
                        List.of(), "2026-12-02T09:30:00", null, List.of()),
                new MetadataParticipant("urn:uuid:0b0c1d2e-0000-4000-8000-0000000000a2", null,
                        "sip:service@192.0.2.60", "service", List.of(), List.of(), null, null,
                        List.of("<extensiondata xmlns=\"urn:ietf:params:xml:ns:recording\""
                                + " parent=\"urn:uuid:0b0c1d2e-0000-4000-8000-0000000000a2\"><x>y</x></extensiondata>"))),
                doc.participants());
        assertEquals(List.of(new MetadataStream("urn:uuid:0b0c1d2e-0000-4000-8000-0000000000s1", "1",
                "urn:uuid:0b0c1d2e-0000-4000-8000-000000000001", false)), doc.streams());
        assertEquals(List.of(), doc.extensions());
    }
}
