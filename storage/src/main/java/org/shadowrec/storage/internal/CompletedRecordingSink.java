package org.shadowrec.storage.internal;

import org.shadowrec.correlator.api.RecordingMetadata;
import org.shadowrec.correlator.api.RecordingSink;

/**
 * The sink of a recording that is already complete on disk (seen again after a restart, or in a second replay of the
 * same capture): audio is accepted and discarded, completion is only counted, so nothing complete is written twice.
 * Confined to the processing thread.
 */
public final class CompletedRecordingSink implements RecordingSink {
    private final int channels;
    private final StoreCounters counters;
    private boolean completed;

    public CompletedRecordingSink(int channels, StoreCounters counters) {
        this.channels = channels;
        this.counters = counters;
    }

    @Override
    public void write(short[] interleaved, int frameOffset, int frames) {
        if (frameOffset < 0 || frames < 0 || (long) (frameOffset + frames) * channels > interleaved.length) {
            throw new IndexOutOfBoundsException("frames " + frameOffset + "+" + frames + " of " + channels
                    + " channels in " + interleaved.length);
        }
        requireOpen();
    }

    @Override
    public boolean littleEndian() {
        return true;
    }

    @Override
    public void writeLittleEndian(byte[] le, int byteOffset, int frames, int channels) {
        requireOpen();
    }

    @Override
    public void complete(RecordingMetadata metadata) {
        if (metadata == null) {
            throw new NullPointerException("metadata");
        }
        requireOpen();
        completed = true;
        counters.alreadyComplete++;
    }

    private void requireOpen() {
        if (completed) {
            throw new IllegalStateException("recording already completed");
        }
    }
}
