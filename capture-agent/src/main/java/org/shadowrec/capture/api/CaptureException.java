package org.shadowrec.capture.api;

/** A source cannot go on: unreadable file, unknown interface, no permission. The message is for the user. */
public class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
