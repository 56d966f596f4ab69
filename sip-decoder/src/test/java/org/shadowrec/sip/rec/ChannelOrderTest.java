package org.shadowrec.sip.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shadowrec.sip.api.Direction;
import org.shadowrec.sip.api.MediaDescription;
import org.shadowrec.sip.api.SessionDescription;
import org.shadowrec.sip.api.rec.Channel;
import org.shadowrec.sip.api.rec.ChannelOrder;
import org.shadowrec.sip.api.rec.MetadataParticipant;
import org.shadowrec.sip.api.rec.MetadataStream;
import org.shadowrec.sip.api.rec.RecordingMetadataDoc;

/** Channel order rules on hand-built values: label match, id fallback, first stream wins, no sender. */
class ChannelOrderTest {
    private static MediaDescription audio(String label) {
        return new MediaDescription("audio", 4000, "RTP/AVP", List.of(0), "10.0.0.1", Direction.SENDONLY,
                java.util.Map.of(), label, 20, 0);
    }

    private static MetadataParticipant sender(String id, String... streams) {
        return new MetadataParticipant(id, id.toUpperCase(), "sip:" + id + "@h", id, List.of(streams), List.of(), null,
                null, List.of());
    }

    private static RecordingMetadataDoc doc(List<MetadataParticipant> ps, List<MetadataStream> ss) {
        return new RecordingMetadataDoc("rfc7865", "complete", List.of(), List.of(), ps, ss, List.of(), "");
    }

    @Test
    void labelMatchThenIdFallbackThenNothing() {
        SessionDescription sdp = new SessionDescription(null, "10.0.0.1",
                List.of(audio("L1"), audio("s-b"), audio("L9"), audio("L1")));
        RecordingMetadataDoc d = doc(List.of(sender("a", "s-a"), sender("b", "s-b"), sender("c", "s-c")),
                List.of(new MetadataStream("s-a", "L1", null, false), new MetadataStream("s-b", null, null, false),
                        new MetadataStream("s-c", "L1", null, false)));
        List<Channel> ch = ChannelOrder.channels(sdp, d);
        assertEquals(4, ch.size());
        assertEquals("a", ch.get(0).participant().id(), "first stream with the label wins");
        assertEquals("b", ch.get(1).participant().id(), "stream without label matched by id");
        assertNull(ch.get(2).stream());
        assertNull(ch.get(2).participant());
        assertEquals("a", ch.get(3).participant().id(), "the same label twice maps to the same stream");
        assertEquals(List.of(0, 1, 2, 3), ch.stream().map(Channel::index).toList());
    }

    @Test
    void streamWithoutSenderOrWithEmptyIdHasNoParticipant() {
        SessionDescription sdp = new SessionDescription(null, null, List.of(audio("1"), audio("2")));
        RecordingMetadataDoc d = doc(List.of(sender("a", "")),
                List.of(new MetadataStream("s1", "1", null, false), new MetadataStream("", "2", null, true)));
        List<Channel> ch = ChannelOrder.channels(sdp, d);
        assertEquals("s1", ch.get(0).stream().id());
        assertNull(ch.get(0).participant());
        assertFalse(ch.get(0).mixed());
        assertNull(ch.get(1).participant());
        assertTrue(ch.get(1).mixed(), "marked mixed");
    }
}
