package org.shadowrec.capture.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.shadowrec.capture.decode.DecodeLimits;
import org.shadowrec.correlator.api.CorrelatorConfig;
import org.shadowrec.sip.api.SipLimits;
import org.shadowrec.storage.api.JournalConfig;

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
 * @param journal roll cycle and disk bounds of the packet journal
 * @param journalClock the clock that decides which journal cycle file an append goes to; null for the system clock
 */
public record PipelineConfig(Path outDir, Path journalDir, CorrelatorConfig correlator, SipLimits sip,
                             DecodeLimits decode, Duration tickInterval, int maxTcpSipDirections,
                             JournalConfig journal, InstantSource journalClock) {

    /** Defaults for everything but the two directories. */
    public static PipelineConfig defaults(Path outDir, Path journalDir) {
        return new PipelineConfig(outDir, journalDir, CorrelatorConfig.defaults(), SipLimits.defaults(),
                DecodeLimits.defaults(), Duration.ofMillis(100), 65_536, JournalConfig.defaults(), null);
    }

    /** The same with another correlator configuration. */
    public PipelineConfig withCorrelator(CorrelatorConfig c) {
        return new PipelineConfig(outDir, journalDir, c, sip, decode, tickInterval, maxTcpSipDirections, journal, journalClock);
    }

    /** The same with another journal directory. */
    public PipelineConfig withJournalDir(Path dir) {
        return new PipelineConfig(outDir, dir, correlator, sip, decode, tickInterval, maxTcpSipDirections, journal, journalClock);
    }

    /** The same with another journal clock (null: the system clock). */
    public PipelineConfig withJournalClock(InstantSource clock) {
        return new PipelineConfig(outDir, journalDir, correlator, sip, decode, tickInterval, maxTcpSipDirections,
                journal, clock);
    }

    /** The same with other journal settings. */
    public PipelineConfig withJournal(JournalConfig j) {
        return new PipelineConfig(outDir, journalDir, correlator, sip, decode, tickInterval, maxTcpSipDirections, j, journalClock);
    }
}
