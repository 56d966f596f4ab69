package org.shadowrec.capture.source;

/**
 * Where and why a capture file stops being readable. Offset 0 means the file header itself is damaged, which makes
 * the file unusable (a {@link org.shadowrec.capture.api.CaptureException}); any later offset ends the input normally.
 */
record Damage(long offset, String message) {

    /** A fixed-size header cut short: {@code needed} bytes, only {@code remain} left in the file. */
    static Damage truncated(long offset, String what, long needed, long remain) {
        return new Damage(offset, String.format("truncated %s at offset %d: %d bytes needed, %d remain",
                what, offset, needed, remain));
    }

    /** A record whose header announces more bytes than the file still holds. */
    static Damage cut(long offset, String what, long declared, long remain) {
        return new Damage(offset, String.format("truncated %s at offset %d: header says %d bytes, %d remain",
                what, offset, declared, remain));
    }

    static Damage corrupt(long offset, String what, String detail) {
        return new Damage(offset, String.format("corrupt %s at offset %d: %s", what, offset, detail));
    }
}
