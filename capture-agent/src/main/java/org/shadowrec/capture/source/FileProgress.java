package org.shadowrec.capture.source;

/**
 * Counters a file reader publishes for other threads, and the stop request they send it. The capture thread is the
 * only writer of the counters and publishes them every {@link #PUBLISH_EVERY} frames and at the end, so a reader
 * of {@link PcapFileSource#stats()} sees values at most that many frames old.
 */
final class FileProgress {
    /** Frames between two publications of the counters (a power of two: tested with a mask). */
    static final int PUBLISH_EVERY = 1024;

    private volatile long frames;
    private volatile long bytesRead;
    private volatile boolean stopRequested;

    void publish(long frameCount, long position) {
        frames = frameCount;
        bytesRead = position;
    }

    long frames() {
        return frames;
    }

    long bytesRead() {
        return bytesRead;
    }

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }
}
