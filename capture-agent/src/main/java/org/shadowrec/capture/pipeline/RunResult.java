package org.shadowrec.capture.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one run did.
 *
 * @param frames frames captured into the journal
 * @param wireBytes bytes on the wire of those frames
 * @param recordings recordings completed
 * @param counters every counter by stage-prefixed key ({@code source.}, {@code decode.}, {@code sip.},
 *                 {@code calls.}, {@code pipeline.}, {@code store.})
 * @param problems what went wrong that the user should know (truncated file, capture error), empty if nothing
 * @param elapsed wall time of the run
 * @param interrupted the run was stopped ({@code Pipeline.stop}) before the end of its input: calls still up were
 *                    left open in the journal for the next run to continue
 * @param openCalls calls (sessions) still open at the end: carried to the next run when interrupted
 */
public record RunResult(long frames, long wireBytes, long recordings, Map<String, Long> counters,
                        List<String> problems, Duration elapsed, boolean interrupted, int openCalls) {}
