package org.shadowrec.storage.api;

import java.util.concurrent.locks.LockSupport;

/**
 * How the processing thread waits while the journal is empty: {@link PacketJournal.Reader#next} returns false and
 * the caller calls {@link #idle()}; after a frame it calls {@link #reset()}. Escalates from spinning (a burst that
 * is about to arrive costs no wake-up) to yielding to parking with a doubling delay capped at {@code maxParkNanos},
 * so an idle processor costs almost no CPU and a busy one no latency. Confined to one thread.
 *
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>spins</td><td>100</td><td>empty polls answered with {@link Thread#onSpinWait()}</td></tr>
 * <tr><td>yields</td><td>50</td><td>then polls answered with {@link Thread#yield()}</td></tr>
 * <tr><td>maxParkNanos</td><td>1 ms</td><td>then park 1 µs, 2 µs, ... up to this</td></tr>
 * </table>
 */
public final class IdleBackoff {
    private static final long MIN_PARK_NANOS = 1_000L;

    private final int spins;
    private final int yields;
    private final long maxParkNanos;
    private int idleCount;
    private long parkNanos = MIN_PARK_NANOS;

    public IdleBackoff(int spins, int yields, long maxParkNanos) {
        if (spins < 0 || yields < 0 || maxParkNanos < MIN_PARK_NANOS) {
            throw new IllegalArgumentException("spins " + spins + " yields " + yields + " maxPark " + maxParkNanos);
        }
        this.spins = spins;
        this.yields = yields;
        this.maxParkNanos = maxParkNanos;
    }

    /** The documented defaults. */
    public static IdleBackoff defaults() {
        return new IdleBackoff(100, 50, 1_000_000L);
    }

    /** Nothing to read: wait a little, longer each consecutive time. */
    public void idle() {
        if (idleCount < spins) {
            idleCount++;
            Thread.onSpinWait();
        } else if (idleCount < spins + yields) {
            idleCount++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(maxParkNanos, parkNanos * 2);
        }
    }

    /** Work arrived: the next wait starts again at the short end. */
    public void reset() {
        idleCount = 0;
        parkNanos = MIN_PARK_NANOS;
    }
}
