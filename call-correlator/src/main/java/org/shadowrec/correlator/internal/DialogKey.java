package org.shadowrec.correlator.internal;

/**
 * Identity of a dialog as the correlator keys it: the Call-ID and the tag of the caller (the From tag of the initial
 * INVITE, RFC 3261 §12). The To tag is learnt later and is not part of the key, so that provisional responses from
 * forks (other To tags) still find the call.
 *
 * @param callId Call-ID as received
 * @param tag a From (or, for requests from the callee, To) tag; "" when absent
 */
record DialogKey(String callId, String tag) {

    static DialogKey of(String callId, String tag) {
        return new DialogKey(callId, tag == null ? "" : tag);
    }
}
