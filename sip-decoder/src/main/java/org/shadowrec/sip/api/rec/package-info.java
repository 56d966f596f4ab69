/**
 * Recording-protocol decoding on top of {@link org.shadowrec.sip.api.SipMessage}: the legs a phone system opens
 * towards an active recorder. Cisco Built-in-Bridge legs ({@link org.shadowrec.sip.api.rec.BibLeg}), SIPREC
 * recording sessions (RFC 7866, {@link org.shadowrec.sip.api.rec.SiprecInvite}) with their metadata (RFC 7865,
 * {@link org.shadowrec.sip.api.rec.RecordingMetadataParser} into one normalised
 * {@link org.shadowrec.sip.api.rec.RecordingMetadataDoc} whatever the vendor dialect), Cisco CUBE network-based
 * recording headers ({@link org.shadowrec.sip.api.rec.CubeParticipants}) and the channel order of a recording
 * ({@link org.shadowrec.sip.api.rec.ChannelOrder}). Every type is an immutable value or a stateless function; bad
 * input gives a value (null or {@link org.shadowrec.sip.api.rec.MetadataResult.Failed}), never an exception.
 */
package org.shadowrec.sip.api.rec;
