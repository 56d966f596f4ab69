package org.shadowrec.correlator.internal;

/** The two user agents of a dialog: the caller sent the initial INVITE, the callee answers it. */
enum Side {
    CALLER, CALLEE;

    Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
