package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;

/** Hostile and broken documents give a failure value, quickly, without reading files or exhausting memory. */
class MetadataHardeningTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    private static final String XXE = """
            <?xml version="1.0" encoding="%s"?>
            <!DOCTYPE recording [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <participant participant_id="p1"><nameID aor="sip:a@b"><name>&xxe;</name></nameID></participant>
            </recording>
            """;

    private static final String LOL = """
            <?xml version="1.0" encoding="%s"?>
            <!DOCTYPE recording [
             <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
             <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
             <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
             <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
             <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
             <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
             <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
             <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
            ]>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <participant participant_id="p1"><nameID aor="sip:a@b"><name>&h;</name></nameID></participant>
            </recording>
            """;

    private static MetadataResult.Failed failed(MetadataResult r) {
        return assertInstanceOf(MetadataResult.Failed.class, r, () -> "expected a failure, got " + r);
    }

    @Test
    void externalEntityToEtcPasswdIsRefused() {
        MetadataResult.Failed f = failed(parser.parse(XXE.formatted("UTF-8")));
        assertEquals("dtd-refused", f.reason());
        assertFalse(f.detail().contains("root:"));
    }

    /** UTF-16 hides the DOCTYPE from the byte pre-scan: the StAX layer itself must refuse it. */
    @Test
    void externalEntityInUtf16IsRefusedByTheReaderItself() {
        byte[] doc = XXE.formatted("UTF-16").getBytes(StandardCharsets.UTF_16);
        MetadataResult.Failed f = failed(parser.parse(doc));
        assertEquals("dtd-refused", f.reason());
        assertFalse(f.detail().contains("root:"), f.detail());
    }

    /** An entity pointing to a file with a unique marker: the marker must appear nowhere in the result. */
    @Test
    void externalEntityFileIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "MARKER-7f3a9c");
        for (String enc : new String[] {"UTF-8", "UTF-16"}) {
            String xml = XXE.formatted(enc).replace("file:///etc/passwd", secret.toUri().toString());
            byte[] bytes = xml.getBytes(enc.equals("UTF-8") ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16);
            MetadataResult r = parser.parse(bytes);
            assertFalse(r.toString().contains("MARKER-7f3a9c"), r.toString());
            failed(r);
        }
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertEquals("dtd-refused", failed(parser.parse(LOL.formatted("UTF-8"))).reason());
            byte[] utf16 = LOL.formatted("UTF-16").getBytes(StandardCharsets.UTF_16);
            assertEquals("dtd-refused", failed(parser.parse(utf16)).reason());
        });
    }

    @Test
    void undeclaredEntityReferenceIsRefused() {
        MetadataResult.Failed f = failed(parser.parse(
                "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><datamode>&x;</datamode></recording>"));
        assertEquals("malformed-xml", f.reason());
        assertTrue(f.detail().contains("\"x\""), f.detail());
    }

    @Test
    void predefinedEntitiesStillWork() {
        MetadataResult.Parsed p = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(
                "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><participant participant_id='a'>"
                        + "<nameID aor='sip:x@y'><name>Tom &amp; Jerry &#x263A;</name></nameID></participant>"
                        + "</recording>"));
        assertEquals("Tom & Jerry \u263A", p.doc().participant("a").name());
    }

    @Test
    void oversizeDocumentIsRefusedBeforeReading() {
        RecordingMetadataParser small = new RecordingMetadataParser(new MetadataLimits(1024, 10_000, 32, 16_384));
        String doc = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'>" + " ".repeat(1100) + "</recording>";
        assertEquals("too-large", failed(small.parse(doc)).reason());
        byte[] huge = new byte[MetadataLimits.defaults().maxBytes() + 1];
        assertEquals("too-large", failed(parser.parse(huge)).reason());
    }

    @Test
    void deepNestingIsRefused() {
        String doc = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'>" + "<x>".repeat(100)
                + "</x>".repeat(100) + "</recording>";
        assertEquals("too-deep", failed(parser.parse(doc)).reason());
        String ext = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><extensiondata>" + "<x>".repeat(100)
                + "</x>".repeat(100) + "</extensiondata></recording>";
        assertEquals("too-large", failed(parser.parse(ext)).reason());
    }

    @Test
    void elementFloodIsRefused() {
        String doc = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'>" + "<x/>".repeat(10_001)
                + "</recording>";
        assertEquals("too-many-elements", failed(parser.parse(doc)).reason());
    }

    @Test
    void longTextIsRefused() {
        String doc = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><participant participant_id='a'>"
                + "<name>" + "n".repeat(20_000) + "</name></participant></recording>";
        assertEquals("too-large", failed(parser.parse(doc)).reason());
    }

    @Test
    void malformedDocumentsGiveFailureValues() {
        assertEquals("malformed-xml", failed(parser.parse(
                "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><session session_id='a'>")).reason());
        assertEquals("malformed-xml", failed(parser.parse("<recording><a></b></recording>")).reason());
        assertEquals("malformed-xml", failed(parser.parse("not xml at all")).reason());
        assertEquals("malformed-xml", failed(parser.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0, 1})).reason());
        assertEquals("not-recording-metadata", failed(parser.parse("<html><body/></html>")).reason());
        assertEquals("empty", failed(parser.parse(new byte[0])).reason());
        assertEquals("empty", failed(parser.parse((String) null)).reason());
        MetadataResult.Failed f = failed(parser.parse("<recording>\u0001</recording>"));
        assertEquals("malformed-xml", f.reason());
        assertTrue(f.detail().chars().noneMatch(c -> c < 0x20), f.detail());
    }
}
