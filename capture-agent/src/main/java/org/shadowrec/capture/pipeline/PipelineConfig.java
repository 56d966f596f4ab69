package org.shadowrec.capture.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import org.shadowrec.capture.decode.DecodeLimits;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.sip.api.SipLimits;

/**
 * Everything one run of the pipeline needs.
 *
 * @param outDir where recordings go ({@code OUT/<recording-id>/})
 * @param journalDir the packet journal's directory
 * @param correlator call lifecycle limits
 * @param sip SIP decoder limits
 * @param decode frame decoder limits
 * @param tickInterval how often (in capture time) timeouts are applied and final audio is flushed
 * @param maxTcpSipDirections TCP stream directions holding a SIP framer at once (bounded memory)
 */
public record PipelineConfig(Path outDir, Path journalDir, CorrelatorConfig correlator, SipLimits sip,
                             DecodeLimits decode, Duration tickInterval, int maxTcpSipDirections) {

    /** Defaults for everything but the two directories. */
    public static PipelineConfig defaults(Path outDir, Path journalDir) {
        return new PipelineConfig(outDir, journalDir, CorrelatorConfig.defaults(), SipLimits.defaults(),
                DecodeLimits.defaults(), Duration.ofMillis(100), 65_536);
    }

    /** The same with another correlator configuration. */
    public PipelineConfig withCorrelator(CorrelatorConfig c) {
        return new PipelineConfig(outDir, journalDir, c, sip, decode, tickInterval, maxTcpSipDirections);
    }
}
