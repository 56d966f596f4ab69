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
 * AudioCodes SBC shape: {@code xmlns:ac} vendor namespace, group and session with {@code group-ref}, send and recv
 * inline in each participant, AOR without scheme, vendor elements ({@code ac:...}) outside extensiondata. Written for
 * this test after the AudioCodes SIPREC manual pages (Avaya UCID / Genesys tags).
 */
class AudioCodesDialectTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    static final String DOC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording" xmlns:ac="http://AudioCodes">
              <datamode>complete</datamode>
              <group id="00000000-0000-0001-a1b2-c3d4e5f60708">
                <associate-time>2026-12-02T10:00:00</associate-time>
              </group>
              <session id="0000-0000-1111">
                <group-ref>00000000-0000-0001-a1b2-c3d4e5f60708</group-ref>
                <associate-time>2026-12-02T10:00:00</associate-time>
                <ac:AvayaUCID xmlns="urn:ietf:params:xml:ns:Avaya">FA080019001038F725B3</ac:AvayaUCID>
              </session>
              <participant id="1000" session="0000-0000-1111">
                <nameID aor="1000@10.20.30.40"><name>Front Desk</name></nameID>
                <associate-time>2026-12-02T10:00:00</associate-time>
                <send>1000-s</send>
                <recv>2000-s</recv>
              </participant>
              <participant id="2000" session="0000-0000-1111">
                <nameID aor="2000@10.20.30.41"></nameID>
                <associate-time>2026-12-02T10:00:00</associate-time>
                <send>2000-s</send>
                <recv>1000-s</recv>
              </participant>
              <stream id="1000-s" session="0000-0000-1111"><label>1</label></stream>
              <stream id="2000-s" session="0000-0000-1111"><label>2</label></stream>
            </recording>
            """;

    @Test
    void audioCodesDocumentIsNormalised() {
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(DOC)).doc();
        assertEquals("audiocodes", doc.dialect());
        assertEquals("complete", doc.dataMode());
        assertEquals(List.of(new MetadataGroup("00000000-0000-0001-a1b2-c3d4e5f60708",
                List.of("2026-12-02T10:00:00"))), doc.groups());
        assertEquals(List.of(new MetadataSession("0000-0000-1111", List.of(), "2026-12-02T10:00:00", null,
                "00000000-0000-0001-a1b2-c3d4e5f60708")), doc.sessions());
        assertEquals(List.of(
                new MetadataParticipant("1000", "Front Desk", "1000@10.20.30.40", "1000", List.of("1000-s"),
                        List.of("2000-s"), "2026-12-02T10:00:00", null, List.of()),
                new MetadataParticipant("2000", null, "2000@10.20.30.41", "2000", List.of("2000-s"),
                        List.of("1000-s"), "2026-12-02T10:00:00", null, List.of())), doc.participants());
        assertEquals(List.of(new MetadataStream("1000-s", "1", "0000-0000-1111", false),
                new MetadataStream("2000-s", "2", "0000-0000-1111", false)), doc.streams());
        assertEquals(List.of("<ac:AvayaUCID xmlns=\"urn:ietf:params:xml:ns:Avaya\" xmlns:ac=\"http://AudioCodes\">"
                + "FA080019001038F725B3</ac:AvayaUCID>"), doc.extensions());
    }

    /** Inline send/recv in a recording:1 document without vendor namespace is read the same way. */
    @Test
    void inlineSendRecvWithoutVendorNamespace() {
        String doc = DOC.replace("urn:ietf:params:xml:ns:recording\" xmlns:ac=\"http://AudioCodes\"",
                        "urn:ietf:params:xml:ns:recording:1\"")
                .replace("<ac:AvayaUCID xmlns=\"urn:ietf:params:xml:ns:Avaya\">FA080019001038F725B3</ac:AvayaUCID>",
                        "");
        RecordingMetadataDoc d = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(doc)).doc();
        assertEquals("audiocodes", d.dialect());
        assertEquals(List.of("2000-s"), d.participant("2000").sends());
        assertEquals(List.of("1000-s"), d.participant("2000").receives());
        assertEquals(List.of(), d.extensions());
    }
}
