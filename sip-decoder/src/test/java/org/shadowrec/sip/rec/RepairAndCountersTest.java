package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;

/** Unquoted attribute values (seen in Oracle SBC samples) are repaired; every outcome is counted. */
class RepairAndCountersTest {
    private final RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());

    static final String UNQUOTED = """
            <?xml version='1.0' encoding='UTF-8'?>
            <recording xmlns='urn:ietf:params:xml:ns:recording'>
              <datamode>complete</datamode>
              <session id="c2Vzcy11bnE=">
                <associate-time>2026-12-02T12:00:00</associate-time>
                <extensiondata xmlns:apkt=http:/acmepacket.com/siprec/extensiondata>
                  <apkt:ucid>00FA08001900014E3E7D5C;encoding=hex</apkt:ucid>
                </extensiondata>
              </session>
              <participant id=cGFydC11bnE= session="c2Vzcy11bnE=">
                <nameID aor="sip:555@h.example"><name>555</name></nameID>
                <send>c3RyLXVucQ==</send>
                <extensiondata xmlns:apkt=http:/acmepacket.com/siprec/extensiondata>
                  <apkt:header label=P-Asserted-Identity><value>sip:555@h.example</value></apkt:header>
                </extensiondata>
              </participant>
              <!-- a comment with id=bare that stays as is -->
              <stream id="c3RyLXVucQ==" session="c2Vzcy11bnE="><label>7</label></stream>
            </recording>
            """;

    @Test
    void unquotedAttributeValuesAreRepaired() {
        RecordingMetadataDoc doc = assertInstanceOf(MetadataResult.Parsed.class, parser.parse(UNQUOTED)).doc();
        assertEquals("acme", doc.dialect());
        assertEquals("cGFydC11bnE=", doc.participants().get(0).id());
        assertEquals(List.of("c3RyLXVucQ=="), doc.participants().get(0).sends());
        assertEquals(List.of("<extensiondata xmlns:apkt=\"http:/acmepacket.com/siprec/extensiondata\""
                + " xmlns=\"urn:ietf:params:xml:ns:recording\">\n"
                + "      <apkt:ucid>00FA08001900014E3E7D5C;encoding=hex</apkt:ucid>\n    </extensiondata>"),
                doc.extensions());
        assertEquals(1, doc.participants().get(0).extensions().size());
        assertEquals(UNQUOTED, doc.xml(), "the original text is kept, not the repaired one");
        assertEquals(1L, parser.counters().get("repaired-unquoted-attributes"));
    }

    @Test
    void repairDoesNotRescueOtherDefects() {
        MetadataResult.Failed f = assertInstanceOf(MetadataResult.Failed.class,
                parser.parse(UNQUOTED.replace("</recording>", "")));
        assertEquals("malformed-xml", f.reason());
    }

    @Test
    void outcomesAreCounted() {
        parser.parse(Rfc7865DialectTest.COMPLETE);
        parser.parse(AcmeDialectTest.DOC);
        parser.parse(AcmeDialectTest.DOC);
        parser.parse("<x/>");
        parser.parse("<recording><oops></recording>");
        Map<String, Long> c = parser.counters();
        assertEquals(Map.of("documents", 5L, "parsed", 3L, "dialect-rfc7865", 1L, "dialect-acme", 2L, "failed", 2L,
                "failed-not-recording-metadata", 1L, "failed-malformed-xml", 1L), c);
        assertEquals(List.copyOf(new java.util.TreeSet<>(c.keySet())), List.copyOf(c.keySet()), "sorted by key");
    }
}
