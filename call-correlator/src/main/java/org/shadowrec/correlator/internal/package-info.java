/**
 * Implementation of the call correlator; not API. One class per concept: {@link
 * org.shadowrec.correlator.internal.Dialog} holds the SIP state of one dialog (RFC 3261 §12), {@link
 * org.shadowrec.correlator.internal.RecordingSession} owns one recording (mixer, channels, flows, lifecycle), a
 * {@link org.shadowrec.correlator.internal.SessionSignalling} of the session's kind turns dialog events into channel
 * bindings, the {@link org.shadowrec.correlator.internal.SessionRouter} decides the kind of a new INVITE, and the
 * {@link org.shadowrec.correlator.internal.FlowTable} maps announced media endpoints to sessions. Confined to the
 * processing thread; time is the capture time passed in.
 */
package org.shadowrec.correlator.internal;
