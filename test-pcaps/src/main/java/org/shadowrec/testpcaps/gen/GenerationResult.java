package org.shadowrec.testpcaps.gen;

import java.util.List;

/**
 * What a generation wrote.
 *
 * @param packets frames written
 * @param calls   per call facts, in call order
 */
public record GenerationResult(long packets, List<CallFacts> calls) {
}
