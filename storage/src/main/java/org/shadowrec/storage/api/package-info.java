/**
 * Durable state: the packet journal (Chronicle Queue between capture and processing) and the recording store (WAV +
 * {@code recording.json} under {@code OUT/<recording-id>/}, written progressively under a temporary name and
 * renamed when complete).
 *
 * <ul>
 * <li>{@link org.shadowrec.storage.api.PacketJournal}: appenders confined to one capture thread each, readers to one
 * processing thread each, with named checkpoints; {@link org.shadowrec.storage.api.IdleBackoff} is how a reader
 * waits on an empty journal. Roll cycle and disk bounds in {@link org.shadowrec.storage.api.JournalConfig}, the
 * usable-space probe in {@link org.shadowrec.storage.api.DiskSpace}; retention deletes cycle files every reader
 * checkpoint and the restart index ({@code retainFrom}) passed.</li>
 * <li>{@link org.shadowrec.storage.api.RecordingStore}: confined to the processing thread; file names in
 * {@link org.shadowrec.storage.api.RecordingFiles}; limits in
 * {@link org.shadowrec.storage.api.RecordingStoreConfig}; start-up repair returns a
 * {@link org.shadowrec.storage.api.RecoveryReport}.</li>
 * </ul>
 */
package org.shadowrec.storage.api;
