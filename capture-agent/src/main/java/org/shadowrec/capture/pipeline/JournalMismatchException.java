package org.shadowrec.capture.pipeline;

import java.io.IOException;

/** A replay was asked to continue a journal that holds the replay of other files. The message is for the user. */
public final class JournalMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public JournalMismatchException(String message) {
        super(message);
    }
}
