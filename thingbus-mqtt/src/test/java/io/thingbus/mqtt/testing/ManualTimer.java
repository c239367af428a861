package io.thingbus.mqtt.testing;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Netty {@link Timer} whose time only moves when a test calls {@link #advance}. Timeouts are
 * captured when scheduled; {@code advance} fires every due one in deadline order (ties in the order
 * they were scheduled) on the calling thread, moving the paired {@link MutableClock} to each
 * deadline before running its task, so a task that reads the clock sees the time it was due.
 * Timeouts scheduled by a firing task are fired too when they fall within the same advance.
 *
 * <p>Exceptions thrown by a task propagate to the test, unlike a real timer, which would only log them.
 * Single-threaded: drive it from the test thread only.
 */
public final class ManualTimer implements Timer {

    private static final Comparator<ManualTimeout> DUE_ORDER =
            Comparator.comparingLong((ManualTimeout t) -> t.deadlineNanos).thenComparingLong(t -> t.sequence);

    private final MutableClock clock;
    private final List<ManualTimeout> pending = new ArrayList<>();
    private long nowNanos;
    private long nextSequence;
    private boolean stopped;

    /** A timer that moves {@code clock} along with its own time. */
    public ManualTimer(MutableClock clock) {
        this.clock = clock;
    }

    public MutableClock clock() {
        return clock;
    }

    @Override
    public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
        if (stopped) {
            throw new IllegalStateException("cannot be started once stopped");
        }
        ManualTimeout timeout = new ManualTimeout(task, nowNanos + Math.max(0, unit.toNanos(delay)), nextSequence++);
        pending.add(timeout);
        return timeout;
    }

    /** Moves time forward by {@code duration}, firing every timeout that falls due, in order. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        long target = nowNanos + duration.toNanos();
        ManualTimeout due;
        while ((due = nextDueBy(target)) != null) {
            pending.remove(due);
            moveTo(due.deadlineNanos);
            due.expired = true;
            try {
                due.task.run(due);
            } catch (Exception e) {
                throw new AssertionError("timer task failed", e);
            }
        }
        moveTo(target);
    }

    /** Timeouts scheduled, not yet fired and not cancelled. */
    public int pendingCount() {
        return pending.size();
    }

    /** How long from now until each pending timeout is due, in due order. */
    public List<Duration> pendingDelays() {
        return pending.stream().sorted(DUE_ORDER).map(t -> Duration.ofNanos(t.deadlineNanos - nowNanos)).toList();
    }

    @Override
    public Set<Timeout> stop() {
        stopped = true;
        Set<Timeout> unfired = new HashSet<>(pending);
        pending.clear();
        return unfired;
    }

    private ManualTimeout nextDueBy(long target) {
        return pending.stream().filter(t -> t.deadlineNanos <= target).min(DUE_ORDER).orElse(null);
    }

    private void moveTo(long nanos) {
        if (nanos > nowNanos) {
            clock.advance(Duration.ofNanos(nanos - nowNanos));
            nowNanos = nanos;
        }
    }

    private final class ManualTimeout implements Timeout {
        final TimerTask task;
        final long deadlineNanos;
        final long sequence;
        boolean expired;
        boolean cancelled;

        ManualTimeout(TimerTask task, long deadlineNanos, long sequence) {
            this.task = task;
            this.deadlineNanos = deadlineNanos;
            this.sequence = sequence;
        }

        @Override
        public Timer timer() {
            return ManualTimer.this;
        }

        @Override
        public TimerTask task() {
            return task;
        }

        @Override
        public boolean isExpired() {
            return expired;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean cancel() {
            if (expired || cancelled) {
                return false;
            }
            cancelled = true;
            pending.remove(this);
            return true;
        }
    }
}
