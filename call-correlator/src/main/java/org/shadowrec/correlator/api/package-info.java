/**
 * Call correlation: SIP dialogs become recording sessions, SDP endpoints become a media flow table, RTP is attached
 * to the session and channel it belongs to, and the session's lifecycle (answer, re-INVITE, BYE, CANCEL, failure,
 * RTP inactivity, maximum duration) decides when a recording opens and completes. A pure event function of its
 * inputs: time is the capture time passed in. Confined to the processing thread (single writer, no locks).
 */
package org.shadowrec.correlator.api;
