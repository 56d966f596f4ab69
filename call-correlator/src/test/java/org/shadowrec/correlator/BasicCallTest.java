package org.shadowrec.correlator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shadowrec.correlator.Scenarios.Agitator;
import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingMetadata.Party;

/** A plain call from INVITE to answered BYE: channels, tones, metadata, id, counters, agitators. */
class BasicCallTest {

    @Test
    void basic_call_records_caller_on_channel_0_and_callee_on_channel_1() throws Exception {
        CallSim sim = Scenarios.basicCall(Scenarios.CALL_ID, Agitator.NONE, 12.1);
        MemoryRecordings.Recording r = sim.recordings.only();
        assertFalse(r.completed(), "still inside the 2 s BYE grace at 12.1 s");
        sim.run(13);

        assertTrue(r.completed());
        assertEquals(0, r.writesAfterComplete);
        assertEquals(2, r.channels);
        assertEquals(8000, r.sampleRate);
        Scenarios.assertTone(r, 0, 0.5, 7.5, Scenarios.CALLER_HZ, Scenarios.CALLEE_HZ);
        Scenarios.assertTone(r, 1, 0.5, 7.5, Scenarios.CALLEE_HZ, Scenarios.CALLER_HZ);

        RecordingMetadata md = r.metadata;
        assertEquals(RecordingMetadata.SCHEMA, md.schema());
        assertEquals(r.id, md.id());
        assertEquals("sip", md.kind());
        assertEquals("bye", md.endReason());
        assertNull(md.primaryRecorder());
        assertEquals("2026-05-01T10:00:02.100Z", md.start());
        assertTrue(md.durationSeconds() > 7.95 && md.durationSeconds() < 8.1, "duration " + md.durationSeconds());
        assertEquals(r.frames() / 8000.0, md.durationSeconds(), 0.0011);
        long endMillis = java.time.Instant.parse(md.end()).toEpochMilli()
                - java.time.Instant.parse(md.start()).toEpochMilli();
        assertEquals(Math.round(md.durationSeconds() * 1000), endMillis, 1.0);

        assertEquals(new RecordingMetadata.Sip(List.of(Scenarios.CALL_ID), "2026-05-01T10:00:00.000Z",
                "2026-05-01T10:00:02.000Z", "2026-05-01T10:00:10.200Z"), md.sip());
        assertEquals(2, md.channels().size());
        RecordingMetadata.Channel caller = md.channels().get(0);
        RecordingMetadata.Channel callee = md.channels().get(1);
        assertEquals(0, caller.index());
        assertEquals(new Party("Alice Caller", "sip:1001@pbx.example.com", "1001", "AlicePhone/1.0"), caller.party());
        assertEquals(new Party("Bob Callee", "sip:2002@pbx.example.com", "2002", "BobPhone/2.0"), callee.party());

        RecordingMetadata.Stream cs = caller.streams().get(0);
        assertEquals(1, caller.streams().size());
        assertEquals("0x11111111", cs.ssrc());
        assertEquals("10.0.0.1:4000", cs.src());
        assertEquals("10.0.0.2:6000", cs.dst());
        assertEquals("PCMU", cs.codec());
        assertTrue(cs.decoded());
        assertEquals(400, cs.packets());
        assertEquals(0, cs.lost());
        assertEquals("2026-05-01T10:00:02.100Z", cs.firstSeen());
        assertEquals("2026-05-01T10:00:10.080Z", cs.lastSeen());
        RecordingMetadata.Stream bs = callee.streams().get(0);
        assertEquals(1, callee.streams().size());
        assertEquals("0xB0B0B0B0", bs.ssrc());
        assertEquals("10.0.0.2:6000", bs.src());
        assertEquals("10.0.0.1:4000", bs.dst());
        assertEquals(400, bs.packets());

        assertEquals(1, sim.counter("calls"));
        assertEquals(1, sim.counter("recordings-opened"));
        assertEquals(1, sim.counter("recordings-completed"));
        assertEquals(1, sim.counter("end-bye"));
        assertEquals(3, sim.counter("sip-requests"));
        assertEquals(4, sim.counter("sip-responses"));
        assertEquals(800, sim.counter("mixer-rtp"));
        assertEquals(0, sim.counter("udp-unmatched"));
        assertEquals(0, sim.unmatchedUdp());
        assertEquals(0, sim.correlator.openSessions());
    }

    @Test
    void recording_id_is_invite_time_and_hash_of_call_id_and_from_tag() throws Exception {
        CallSim first = Scenarios.basicCall(Scenarios.CALL_ID, Agitator.NONE, 13);
        CallSim second = Scenarios.basicCall(Scenarios.CALL_ID, Agitator.NONE, 13);
        CallSim other = Scenarios.basicCall("other-" + Scenarios.CALL_ID, Agitator.NONE, 13);

        String id = first.recordings.only().id;
        byte[] sha = MessageDigest.getInstance("SHA-256")
                .digest(("sip|" + Scenarios.CALL_ID + "|a11ce").getBytes(StandardCharsets.UTF_8));
        assertEquals("20260501T100000Z-" + HexFormat.of().formatHex(sha).substring(0, 16), id);
        assertTrue(id.matches("[0-9TZa-f-]+"), "safe as a file name: " + id);
        assertEquals(id, second.recordings.only().id);
        assertEquals(first.correlator.counters(), second.correlator.counters());
        assertEquals(first.recordings.only().metadata, second.recordings.only().metadata);
        assertArrayEquals(first.recordings.only().interleaved(), second.recordings.only().interleaved());
        assertNotEquals(id, other.recordings.only().id);
        assertTrue(other.recordings.only().id.startsWith("20260501T100000Z-"));
    }

    @ParameterizedTest
    @EnumSource(value = Agitator.class, names = {"DUPLICATE_SIP", "DROP_180"})
    void duplicated_or_missing_sip_gives_the_same_recording(Agitator agitator) {
        CallSim clean = Scenarios.basicCall(Scenarios.CALL_ID, Agitator.NONE, 13);
        CallSim agitated = Scenarios.basicCall(Scenarios.CALL_ID, agitator, 13);

        MemoryRecordings.Recording a = clean.recordings.only();
        MemoryRecordings.Recording b = agitated.recordings.only();
        assertTrue(b.completed());
        assertEquals(a.id, b.id);
        assertEquals(a.metadata, b.metadata);
        assertArrayEquals(a.interleaved(), b.interleaved());
        assertEquals(1, agitated.counter("calls"));
        assertEquals(0, agitated.correlator.openSessions());
    }

    @Test
    void udp_that_no_session_announced_is_unmatched() {
        CallSim sim = Scenarios.basicCall(Scenarios.CALL_ID, Agitator.NONE, 3);
        byte[] rtp = new ToneRtp(0x5555L, 300, 1, 1).next(true);
        sim.udp(3.0, org.shadowrec.correlator.api.Endpoint.parse("10.9.9.9", 7000),
                org.shadowrec.correlator.api.Endpoint.parse("10.9.9.8", 7002), rtp);
        sim.run(3.1);
        assertEquals(1, sim.unmatchedUdp());
        assertEquals(1, sim.counter("udp-unmatched"));
    }
}
