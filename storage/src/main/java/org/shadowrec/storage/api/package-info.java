/**
 * Durable state: the packet journal (Chronicle Queue between capture and processing) and the recording store (WAV +
 * {@code recording.json} under {@code OUT/<recording-id>/}, written progressively under a temporary name and
 * renamed when complete). Thread contracts are stated on each type.
 */
package org.shadowrec.storage.api;
