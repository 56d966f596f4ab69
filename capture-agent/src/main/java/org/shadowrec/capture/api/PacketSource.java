package org.shadowrec.capture.api;

import java.util.Map;

/**
 * Where frames come from: a live interface or a capture file, behind one interface so that a replay runs the same
 * code as the appliance. {@link #run} is called on the capture thread, which does nothing but hand frames to the
 * consumer; {@link #breakLoop()} and {@link #stats()} may be called from any thread.
 */
public interface PacketSource extends AutoCloseable {

    /**
     * Delivers frames to {@code consumer} on the calling thread until end of input or {@link #breakLoop()}. A
     * truncated or corrupt file ends the input normally: the frames before the damage are delivered and
     * {@link #problem()} then says what and at which byte offset.
     *
     * @throws CaptureException when the source cannot be used at all (missing file, not a capture, no permission,
     *                          unknown interface); the message is for the user
     */
    void run(FrameConsumer consumer) throws CaptureException;

    /** Why input ended early (truncation, corruption), or null. */
    String problem();

    /** Asks {@link #run} to return soon; safe from any thread. */
    void breakLoop();

    /**
     * Source statistics by stable key, safe from any thread: {@code frames}, {@code bytes-read}, {@code bytes-total}
     * (files: size, for progress), {@code dropped-kernel}, {@code dropped-interface} (live).
     */
    Map<String, Long> stats();

    /** A short name for logs and the summary (file name or interface). */
    String name();

    /**
     * What identifies this input when a run is resumed (a file: its size, modification time and absolute path; an
     * interface: its name). Compared as text, never used as a path.
     */
    default String identity() {
        return name();
    }

    @Override
    void close();
}
