/**
 * Implementation of the call correlator; not API. One class per concept: {@link
 * org.shadowrec.correlator.internal.Dialog} holds the SIP state of one dialog (RFC 3261 §12), {@link
 * org.shadowrec.correlator.internal.RecordingSession} owns one recording (mixer, channels, flows, lifecycle), a
 * {@link org.shadowrec.correlator.internal.SessionSignalling} of the session's kind turns dialog events into channel
 * bindings ({@link org.shadowrec.correlator.internal.PlainSipCall}, Cisco BiB
 * {@link org.shadowrec.correlator.internal.BibPair}, {@link org.shadowrec.correlator.internal.SiprecSession}), the
 * {@link org.shadowrec.correlator.internal.SessionRouter} decides the kind of a new INVITE (or joins it to a BiB pair
 * or a failed-over session), {@link org.shadowrec.correlator.internal.RecorderAttempts} keeps the offers to recorders,
 * and the {@link org.shadowrec.correlator.internal.FlowTable} maps exact (source, destination) pairs and announced
 * media endpoints to sessions. Confined to the processing thread; time is the capture time passed in.
 */
package org.shadowrec.correlator.internal;
