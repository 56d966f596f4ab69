package org.shadowrec.correlator.api;

/** Transport a SIP message was seen on. */
public enum Transport { UDP, TCP }
