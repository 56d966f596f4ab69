/** Packet sources (live capture and capture files behind one interface) and what they produce. */
package org.shadowrec.capture.api;
