package io.thingbus.sim.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits out one phase of a run on the control thread, printing a status line once per second of
 * the phase however its waits are split. Every wait ends by its deadline.
 */
public final class PhaseTimer {

    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ProgressPrinter progress;
    private final String phase;
    private final long startNanos;
    private long nextLineNanos;

    /** Starts timing {@code phase} now. */
    public PhaseTimer(ProgressPrinter progress, String phase) {
        this.progress = progress;
        this.phase = phase;
        this.startNanos = System.nanoTime();
        this.nextLineNanos = startNanos + PROGRESS_INTERVAL_NANOS;
    }

    /** Waits until {@code endNanos}. */
    public void waitUntil(long endNanos, Supplier<String> status) {
        waitUntil(endNanos, () -> false, status);
    }

    /**
     * Waits until {@code done} holds or {@code deadlineNanos} passes, whichever is first.
     *
     * @return whether {@code done} held
     */
    public boolean waitUntil(long deadlineNanos, BooleanSupplier done, Supplier<String> status) {
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - nextLineNanos >= 0) {
                progress.line(phase, (now - startNanos) / 1e9, status.get());
                nextLineNanos += PROGRESS_INTERVAL_NANOS * (1 + (now - nextLineNanos) / PROGRESS_INTERVAL_NANOS);
            }
            if (now - deadlineNanos >= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(Math.min(POLL_NANOS, deadlineNanos - now), nextLineNanos - now));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }
}
