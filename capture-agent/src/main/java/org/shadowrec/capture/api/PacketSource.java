package org.shadowrec.capture.api;

import java.util.Map;

/**
 * Where frames come from: a live interface or a capture file. Confined to its capture thread, except
 * {@link #breakLoop()} which any thread may call.
 */
public interface PacketSource extends AutoCloseable {

    /**
     * The next frame; null when none arrived within the poll timeout (live) — check {@link #atEnd()} — or at end of
     * input. A truncated or corrupt file ends the input: {@link #atEnd()} is then true and {@link #problem()} says
     * what and at which offset; frames before it were delivered.
     */
    RawFrame next() throws CaptureException;

    /** True once no further frame will come. */
    boolean atEnd();

    /** Description of why input ended early (truncation, corruption), or null. */
    String problem();

    /** Asks a blocking {@link #next()} to return soon; safe from any thread. */
    void breakLoop();

    /** Source statistics, e.g. {@code received}, {@code dropped-kernel}, {@code dropped-interface}, bytes read. */
    Map<String, Long> stats();

    /** A short name for logs and the summary (file name or interface). */
    String name();

    @Override
    void close();
}
