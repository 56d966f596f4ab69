package org.shadowrec.correlator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Derived recording ids (ARCHITECTURE.md "Recording identity"): never random, so that two sensors, a replay and a
 * restart name the same recording the same way.
 *
 * <p>Plain SIP: {@code <yyyyMMdd'T'HHmmss'Z'>-<h>} where the time is the capture time of the initial INVITE in UTC
 * and {@code h} is the first 16 hex digits (lower case) of SHA-256 of {@code "sip|" + Call-ID + "|" + From tag}
 * (UTF-8; an absent tag is the empty string). Only digits, letters {@code T}, {@code Z}, {@code a-f} and {@code -}
 * occur: a safe file name by construction, whatever the packets contained. Cisco BiB and SIPREC use {@link #derive}
 * with {@code "bib|" + cluster id + "|" + x-refci + "|" + x-farendrefci} and {@code "siprec|" + session id}.
 */
final class RecordingIds {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RecordingIds() {}

    /** The id of a plain SIP call. */
    static String sip(long inviteNanos, String callId, String fromTag) {
        return derive(inviteNanos, "sip|" + callId + "|" + (fromTag == null ? "" : fromTag));
    }

    /** The id for a session identity string (kind-prefixed, e.g. {@code sip|...}) started at {@code nanos}. */
    static String derive(long nanos, String identity) {
        return STAMP.format(instant(nanos)) + "-" + sha256Hex16(identity);
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static String sha256Hex16(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
