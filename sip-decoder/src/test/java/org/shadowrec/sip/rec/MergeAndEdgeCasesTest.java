package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.MetadataSession;
import org.shadowrec.sip.api.rec.MetadataStream;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;

/** Partial updates merged by id (RFC 7866 §8.2.2), empty ids, many participants. */
class MergeAndEdgeCasesTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    private RecordingMetadataDoc parse(String xml) {
        return assertInstanceOf(MetadataResult.Parsed.class, parser.parse(xml)).doc();
    }

    /** A transfer: the agent's name changes, the customer leaves, a supervisor joins with a new stream. */
    static final String PARTIAL = """
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <datamode>partial</datamode>
              <session session_id="U2Vzc2lvbkFBQUE=">
                <stop-time>2026-12-02T08:05:00Z</stop-time>
              </session>
              <participant participant_id="UGFydEFsaWNl">
                <nameID aor="sip:%2B4930123@pbx.example.net"><name>Alice (Team B)</name></nameID>
              </participant>
              <participant participant_id="UGFydFN1cGVy">
                <nameID aor="sip:7100@pbx.example.net"><name>Supervisor</name></nameID>
              </participant>
              <stream stream_id="U3RyZWFtMw" session_id="U2Vzc2lvbkFBQUE="><label>12</label></stream>
              <participantsessionassoc participant_id="UGFydEJvYg" session_id="U2Vzc2lvbkFBQUE=">
                <disassociate-time>2026-12-02T08:04:00Z</disassociate-time>
              </participantsessionassoc>
              <participantsessionassoc participant_id="UGFydFN1cGVy" session_id="U2Vzc2lvbkFBQUE=">
                <associate-time>2026-12-02T08:04:01Z</associate-time>
              </participantsessionassoc>
              <participantstreamassoc participant_id="UGFydFN1cGVy">
                <send>U3RyZWFtMw</send>
              </participantstreamassoc>
            </recording>
            """;

    @Test
    void partialUpdateIsMergedById() {
        RecordingMetadataDoc base = parse(Rfc7865DialectTest.COMPLETE);
        RecordingMetadataDoc update = parse(PARTIAL);
        assertEquals("partial", update.dataMode());
        RecordingMetadataDoc merged = RecordingMetadataParser.merge(base, update);

        assertEquals("complete", merged.dataMode());
        assertEquals("rfc7865", merged.dialect());
        assertEquals(List.of(new MetadataSession("U2Vzc2lvbkFBQUE=",
                List.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0;remote=00112233445566778899aabbccddeeff"),
                "2026-12-02T08:00:01Z", "2026-12-02T08:05:00Z", "Grp1QmFzZTY0PT0=")), merged.sessions());
        assertEquals(List.of(
                new MetadataParticipant("UGFydEFsaWNl", "Alice (Team B)", "sip:%2B4930123@pbx.example.net", "+4930123",
                        List.of("U3RyZWFtMQ"), List.of("U3RyZWFtMg"), "2026-12-02T08:00:03Z", null, List.of()),
                new MetadataParticipant("UGFydEJvYg", null, "tel:+15550100;phone-context=example.net", "+15550100",
                        List.of("U3RyZWFtMg"), List.of("U3RyZWFtMQ"), null, "2026-12-02T08:04:00Z", List.of()),
                new MetadataParticipant("UGFydFN1cGVy", "Supervisor", "sip:7100@pbx.example.net", "7100",
                        List.of("U3RyZWFtMw"), List.of(), "2026-12-02T08:04:01Z", null, List.of())),
                merged.participants());
        assertEquals(List.of("U3RyZWFtMQ", "U3RyZWFtMg", "U3RyZWFtMw"),
                merged.streams().stream().map(MetadataStream::id).toList());
        assertEquals(update.xml(), merged.xml());
        assertEquals(base.groups(), merged.groups());
    }

    @Test
    void completeUpdateReplacesAndNullsAreHandled() {
        RecordingMetadataDoc base = parse(Rfc7865DialectTest.COMPLETE);
        RecordingMetadataDoc other = parse(AudioCodesDialectTest.DOC);
        assertSame(other, RecordingMetadataParser.merge(base, other));
        assertSame(base, RecordingMetadataParser.merge(base, null));
        RecordingMetadataDoc partial = parse(PARTIAL);
        assertSame(partial, RecordingMetadataParser.merge(null, partial));
    }

    /** A partial participant listing new streams replaces its stream lists. */
    @Test
    void partialStreamAssociationReplacesStreams() {
        RecordingMetadataDoc base = parse(Rfc7865DialectTest.COMPLETE);
        RecordingMetadataDoc update = parse("""
                <recording xmlns="urn:ietf:params:xml:ns:recording:1"><dataMode>partial</dataMode>
                  <participantstreamassoc participant_id="UGFydEJvYg"><send>U3RyZWFtMw</send></participantstreamassoc>
                </recording>""");
        MetadataParticipant bob = RecordingMetadataParser.merge(base, update).participant("UGFydEJvYg");
        assertEquals(List.of("U3RyZWFtMw"), bob.sends());
        assertEquals(List.of(), bob.receives());
    }

    @Test
    void emptyAndMissingIdsAreKeptAndNeverMatched() {
        RecordingMetadataDoc doc = parse("""
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <session session_id=""><sipSessionID>abc</sipSessionID></session>
                  <participant participant_id=""><nameID aor="sip:1@h"/><send>s1</send></participant>
                  <participant><nameID aor="sip:2@h"/></participant>
                  <stream stream_id="" session_id=""><label>1</label></stream>
                  <participantstreamassoc participant_id=""><send></send></participantstreamassoc>
                </recording>""");
        assertEquals(List.of(new MetadataSession("", List.of("abc"), null, null, null)), doc.sessions());
        assertEquals(java.util.Arrays.asList("1", "2"), doc.participants().stream().map(MetadataParticipant::number).toList());
        assertEquals(List.of("s1"), doc.participants().get(0).sends());
        assertEquals(List.of(new MetadataStream("", "1", null, false)), doc.streams());
        assertNull(doc.participant(""));
        assertNull(doc.stream(""));
        RecordingMetadataDoc merged = RecordingMetadataParser.merge(doc, parse("""
                <recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>partial</datamode>
                  <participant participant_id=""><nameID aor="sip:4@h"/></participant></recording>"""));
        assertEquals(java.util.Arrays.asList("1", "2", "4"),
                merged.participants().stream().map(MetadataParticipant::number).toList());
    }

    @Test
    void anyNumberOfParticipants() {
        StringBuilder sb = new StringBuilder("<recording xmlns='urn:ietf:params:xml:ns:recording:1'>");
        for (int i = 0; i < 300; i++) {
            sb.append("<participant participant_id='p").append(i).append("'><nameID aor='sip:").append(1000 + i)
                    .append("@pbx'/></participant><stream stream_id='s").append(i).append("'><label>").append(i)
                    .append("</label></stream><participantstreamassoc participant_id='p").append(i)
                    .append("'><send>s").append(i).append("</send></participantstreamassoc>");
        }
        RecordingMetadataDoc doc = parse(sb.append("</recording>").toString());
        assertEquals(300, doc.participants().size());
        assertEquals(300, doc.streams().size());
        assertEquals("1299", doc.participant("p299").number());
        assertEquals(List.of("s299"), doc.participant("p299").sends());
        assertEquals("complete", doc.dataMode());
    }

    /** Element names are matched case-insensitively; {@code dataMode} and {@code datamode} both work. */
    @Test
    void dataModeSpellings() {
        assertEquals("partial", parse("<recording xmlns='urn:ietf:params:xml:ns:recording:1'>"
                + "<dataMode>Partial</dataMode></recording>").dataMode());
        assertEquals("partial", parse("<recording xmlns='urn:ietf:params:xml:ns:recording:1'>"
                + "<datamode> partial </datamode></recording>").dataMode());
    }

    /** A blank line before the XML declaration (an extra CRLF after the part headers) is tolerated. */
    @Test
    void leadingBlankLinesBeforeTheDeclaration() {
        RecordingMetadataDoc doc = parse("\r\n\r\n  " + Rfc7865DialectTest.COMPLETE);
        assertEquals(2, doc.participants().size());
        assertEquals(Rfc7865DialectTest.COMPLETE, doc.xml());
    }

    /** The declared encoding is honoured, for the model and for the kept text. */
    @Test
    void declaredEncodingsAreHonoured() {
        String latin = "<?xml version='1.0' encoding='ISO-8859-1'?><recording xmlns='urn:ietf:params:xml:ns:recording:1'>"
                + "<participant participant_id='a'><nameID aor='sip:j@h'><name>J\u00fcrgen M\u00fcller</name></nameID>"
                + "</participant></recording>";
        RecordingMetadataDoc d1 = assertInstanceOf(MetadataResult.Parsed.class,
                parser.parse(latin.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).doc();
        assertEquals("J\u00fcrgen M\u00fcller", d1.participant("a").name());
        assertEquals(latin, d1.xml());
        String utf16 = latin.replace("ISO-8859-1", "UTF-16");
        RecordingMetadataDoc d2 = assertInstanceOf(MetadataResult.Parsed.class,
                parser.parse(utf16.getBytes(java.nio.charset.StandardCharsets.UTF_16))).doc();
        assertEquals("J\u00fcrgen M\u00fcller", d2.participant("a").name());
    }
}
