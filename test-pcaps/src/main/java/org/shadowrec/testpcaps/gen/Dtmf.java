package org.shadowrec.testpcaps.gen;

import java.nio.ByteBuffer;

/**
 * RFC 4733 telephone-event schedule in the caller stream. Digit k starts at packet slot
 * {@code FIRST_SLOT + k × SPACING_SLOTS}; it takes {@link #UPDATE_SLOTS} packets whose duration grows by 160
 * (the first with the marker bit, RFC 4733 §2.5.1.1), the last of them with the E bit, and that end packet is sent
 * a total of {@link #END_COPIES} times (§2.5.1.4) in the following slots. All packets of one event carry the
 * event's start timestamp (§2.5.1.2); sequence numbers keep incrementing per packet.
 */
final class Dtmf {
    /** Slot of the first digit (1 s into the media). */
    static final int FIRST_SLOT = 50;
    /** Slots from one digit's start to the next (0.5 s). */
    static final int SPACING_SLOTS = 25;
    /** Packets with a growing duration (5 × 20 ms = 100 ms, duration 800). */
    static final int UPDATE_SLOTS = 5;
    /** Total sends of the end packet (the first is the last update). */
    static final int END_COPIES = 3;
    /** Volume field: -10 dBm0. */
    static final int VOLUME = 10;
    /** Slots one digit occupies. */
    static final int SLOTS_PER_DIGIT = UPDATE_SLOTS + END_COPIES - 1;

    private final String digits;

    Dtmf(String digits) {
        this.digits = digits;
    }

    /** @return RFC 4733 §3.2 event code of a DTMF digit, -1 if none */
    static int event(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (Character.toUpperCase(c)) {
            case '*' -> 10;
            case '#' -> 11;
            case 'A' -> 12;
            case 'B' -> 13;
            case 'C' -> 14;
            case 'D' -> 15;
            default -> -1;
        };
    }

    String digits() {
        return digits;
    }

    /** @return the first slot needed after the last digit */
    int endSlot() {
        return digits.isEmpty() ? 0 : startSlot(digits.length() - 1) + SLOTS_PER_DIGIT;
    }

    static int startSlot(int digit) {
        return FIRST_SLOT + digit * SPACING_SLOTS;
    }

    /** @return index of the digit whose packets occupy {@code slot}, or -1 for audio */
    int digitAt(int slot) {
        if (digits.isEmpty() || slot < FIRST_SLOT) {
            return -1;
        }
        int k = (slot - FIRST_SLOT) / SPACING_SLOTS;
        if (k >= digits.length() || slot - startSlot(k) >= SLOTS_PER_DIGIT) {
            return -1;
        }
        return k;
    }

    /** @return the 4-byte event payload for {@code slot} of digit {@code k} (RFC 4733 §2.3) */
    byte[] payload(int k, int slot) {
        int i = slot - startSlot(k);
        boolean end = i >= UPDATE_SLOTS - 1;
        int duration = Math.min(i + 1, UPDATE_SLOTS) * 160;
        return ByteBuffer.allocate(4).put((byte) event(digits.charAt(k))).put((byte) ((end ? 0x80 : 0) | VOLUME))
                .putShort((short) duration).array();
    }

    static boolean isFirst(int slot, int k) {
        return slot == startSlot(k);
    }
}
