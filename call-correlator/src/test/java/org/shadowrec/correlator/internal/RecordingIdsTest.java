package org.shadowrec.correlator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The derived recording id: INVITE time in UTC, then a hash of the session identity. */
class RecordingIdsTest {

    private static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static String hash16(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).substring(0, 16);
    }

    @Test
    void id_is_utc_second_of_invite_and_sha256_prefix() throws Exception {
        long t = nanos("2026-12-31T23:59:59.999Z");
        assertEquals("20261231T235959Z-" + hash16("sip|abc@host|tag1"), RecordingIds.sip(t, "abc@host", "tag1"));
        assertEquals("20261231T235959Z-" + hash16("sip|abc@host|"), RecordingIds.sip(t, "abc@host", null));
    }

    @Test
    void hostile_call_id_still_gives_a_safe_name() {
        String id = RecordingIds.sip(nanos("2026-01-01T00:00:00Z"), "../../etc/passwd\u0000/\\", "x");
        assertEquals(true, id.matches("20260101T000000Z-[0-9a-f]{16}"), id);
        assertNotEquals(id, RecordingIds.sip(nanos("2026-01-01T00:00:00Z"), "../../etc/passwd\u0000/\\", "y"));
    }
}
