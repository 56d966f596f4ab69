package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.SipDecoder;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.sip.api.SipMessage;
import org.shadowrec.sip.api.SipParseResult;
import org.shadowrec.sip.api.rec.BibLeg;
import org.shadowrec.sip.api.rec.ChannelOrder;
import org.shadowrec.sip.api.rec.CubeParticipants;
import org.shadowrec.sip.api.rec.MetadataLimits;
import org.shadowrec.sip.api.rec.MetadataResult;
import org.shadowrec.sip.api.rec.RecordingMetadataParser;
import org.shadowrec.sip.api.rec.SiprecInvite;

/** Seeded mutations of every fixture: never an exception, always a value, counters add up. */
class RecordingFuzzTest {
    private static final byte[] ALPHABET = "<>/=\"'&;:# \r\n\t!?[]-x0%".getBytes(StandardCharsets.US_ASCII);

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> {
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(40));
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    @Test
    void mutatedMetadataNeverThrows() {
        List<String> docs = List.of(Rfc7865DialectTest.COMPLETE, AcmeDialectTest.DOC, AudioCodesDialectTest.DOC,
                BroadWorksDialectTest.DOC, MergeAndEdgeCasesTest.PARTIAL, RepairAndCountersTest.UNQUOTED);
        SipMessage invite = RecFixtures.decode(SiprecInviteEndToEndTest.HEAD, SiprecInviteEndToEndTest.body());
        RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());
        Random rnd = new Random(0x5EC0DE);
        int runs = 0;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1500; i++) {
                byte[] doc = mutate(docs.get(i % docs.size()).getBytes(StandardCharsets.UTF_8), rnd);
                MetadataResult r = parser.parse(doc);
                assertNotNull(r);
                if (r instanceof MetadataResult.Parsed p) {
                    assertNotNull(ChannelOrder.channels(invite.sdp(), p.doc()));
                    assertNotNull(RecordingMetadataParser.merge(p.doc(), p.doc()));
                }
            }
        });
        runs += 1500;
        Map<String, Long> c = parser.counters();
        assertEquals(runs, c.get("documents"));
        assertEquals(runs, c.getOrDefault("parsed", 0L) + c.getOrDefault("failed", 0L));
        assertTrue(c.getOrDefault("failed", 0L) > 0 && c.getOrDefault("parsed", 0L) > 0, c.toString());
    }

    @Test
    void mutatedRecordingInvitesNeverThrow() {
        List<byte[]> msgs = List.of(
                RecFixtures.message(SiprecInviteEndToEndTest.HEAD, SiprecInviteEndToEndTest.body()),
                RecFixtures.message(CubeParticipantsTest.HEAD, RecFixtures.crlf(CubeParticipantsTest.SDP)),
                RecFixtures.message(BibLegTest.invite("<sip:2000@10.1.1.10;x-nearend;x-refci=25438295"
                        + ";x-farendaddr=%2B4930555123;x-nearenddevice=SEP00AABBCCDDEE>", "c@h"), ""));
        SipDecoder decoder = new SipDecoder(SipLimits.defaults());
        RecordingMetadataParser parser = new RecordingMetadataParser(MetadataLimits.defaults());
        Random rnd = new Random(77);
        int parsed = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] m = mutate(msgs.get(i % msgs.size()), rnd);
            if (decoder.decode(m, 0, m.length) instanceof SipParseResult.Parsed p) {
                parsed++;
                SipMessage msg = p.message();
                BibLeg.from(msg);
                CubeParticipants cube = CubeParticipants.from(msg);
                if (cube != null) {
                    ChannelOrder.channels(msg.sdp(), cube.toMetadata());
                }
                SiprecInvite s = SiprecInvite.detect(msg);
                if (s != null && s.metadataPart() != null
                        && parser.parse(s.metadataPart()) instanceof MetadataResult.Parsed md) {
                    ChannelOrder.channels(msg.sdp(), md.doc());
                }
            }
        }
        assertTrue(parsed > 50, "enough mutated messages still decode to exercise the recording views: " + parsed);
    }
}
