package org.shadowrec.storage.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O thread that makes completed recordings durable: fsync of the audio, rename from {@code .partial},
 * {@code recording.json} (temp, fsync, rename, directory fsync). An fsync takes milliseconds on real disks; done on
 * the processing thread, a burst of calls ending together stalls packet processing for seconds. Recordings are
 * finished one after another in completion order. The queue is bounded: when the disk cannot keep up, the
 * processing thread waits (back-pressure; the packet journal absorbs capture meanwhile). Thread-safe.
 */
public final class Finisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Finisher.class);

    /** One recording's remaining I/O. */
    public interface Job {
        void run() throws java.io.IOException;
    }

    private final ThreadPoolExecutor executor;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public Finisher(int queueCapacity) {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "shadowrec-finisher");
                    t.setDaemon(false);
                    return t;
                }, (r, e) -> {
                    try {
                        e.getQueue().put(r); // back-pressure: the submitter waits for room
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new java.util.concurrent.RejectedExecutionException("interrupted", ie);
                    }
                });
    }

    /** Queues the job; {@code what} names it in the log if it fails. */
    public void submit(String what, Job job) {
        executor.execute(() -> {
            try {
                job.run();
                completed.incrementAndGet();
            } catch (java.io.IOException | RuntimeException e) {
                failed.incrementAndGet();
                LOG.error("recording {} could not be finished: {}", what, e.toString());
            }
        });
    }

    /**
     * Queues {@code job} behind every job queued so far, without counting it as a recording (e.g. a journal
     * checkpoint that may be stored only once the recordings completed before it are durable).
     */
    public void after(String what, Job job) {
        executor.execute(() -> {
            try {
                job.run();
            } catch (java.io.IOException | RuntimeException e) {
                failed.incrementAndGet();
                LOG.error("{} failed: {}", what, e.toString());
            }
        });
    }

    /** Jobs finished successfully. */
    public long completed() {
        return completed.get();
    }

    /** Jobs that failed (logged). */
    public long failed() {
        return failed.get();
    }

    /** Waits until every queued job has run (at most {@code timeoutSeconds}); returns false on time-out. */
    public boolean drain(long timeoutSeconds) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeoutSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (!drain(600)) {
                LOG.error("recordings still being finished after 600 s; their audio stays as .partial");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
