/**
 * The wiring of the appliance: a capture thread per run that only copies frames from a
 * {@link org.shadowrec.capture.api.PacketSource} into the packet journal, and one processing thread that tails the
 * journal and owns all decoding and call state (single writer, no locks). Replay and live capture run the same code
 * after the journal.
 */
package org.shadowrec.capture.pipeline;
