package io.thingbus.sim.bench.load;

import io.thingbus.sim.bench.client.BenchConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Opens connections at a fixed rate, with at most {@code maxPending} handshakes under way, and
 * waits for each to become ready (CONNACK, plus SUBACK for subscribers). Runs on the calling
 * thread and returns by the time the schedule needs plus the ready timeout.
 */
public final class ConnectionRamp {

    /**
     * @param ratePerSecond connection attempts per second
     * @param maxPending handshakes under way at once at most
     * @param readyTimeout how long the ramp waits past its schedule for the last handshakes
     */
    public record Settings(double ratePerSecond, int maxPending, Duration readyTimeout) {

        public Settings {
            if (!(ratePerSecond > 0) || maxPending < 1 || readyTimeout.isNegative()) {
                throw new IllegalArgumentException("connect rate, pending limit and timeout must be positive");
            }
        }
    }

    private static final String TIMED_OUT = "timed out";
    private static final String NOT_ATTEMPTED = "not attempted before the deadline";

    private final Settings settings;
    private final ProgressPrinter progress;

    public ConnectionRamp(Settings settings, ProgressPrinter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Opens {@code count} connections, {@code opener} starting the i-th and returning the
     * future of it being ready.
     *
     * @param what names the connections in progress lines ("subscribers")
     */
    public RampResult open(String what, int count, IntFunction<CompletableFuture<BenchConnection>> opener) {
        Attempts attempts = new Attempts();
        PhaseTimer timer = new PhaseTimer(progress, "ramp-up " + what);
        long start = System.nanoTime();
        PacingSchedule schedule = new PacingSchedule(start, settings.ratePerSecond());
        long deadline = schedule.intendedNanos(count) + settings.readyTimeout().toNanos();
        Semaphore pending = new Semaphore(settings.maxPending());
        int attempted = 0;
        while (attempted < count) {
            long intended = schedule.intendedNanos(attempted);
            timer.waitUntil(intended, () -> attempts.status(count));
            if (!acquireBefore(pending, deadline)) {
                break;
            }
            opener.apply(attempted).whenComplete((connection, failure) -> {
                pending.release();
                attempts.completed(connection, failure, intended);
            });
            attempted++;
        }
        int started = attempted;
        timer.waitUntil(deadline, () -> attempts.finished() == started,
                () -> attempts.status(count));
        return attempts.result(count, started, start);
    }

    private static boolean acquireBefore(Semaphore pending, long deadline) {
        try {
            return pending.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Outcomes as they come in from the event loops; frozen once the ramp reports. */
    private static final class Attempts {
        private final List<BenchConnection> ready = new ArrayList<>();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicLong lastReadyNanos = new AtomicLong();
        private final LatencyRecorder readyLatency = new LatencyRecorder();
        private boolean frozen;

        void completed(BenchConnection connection, Throwable failure, long intendedNanos) {
            long now = System.nanoTime();
            synchronized (this) {
                if (frozen) {
                    return; // too late: reported as timed out, closed with the client group
                }
                if (failure == null) {
                    ready.add(connection);
                    readyLatency.record(now - intendedNanos);
                    lastReadyNanos.set(now);
                } else {
                    failures.computeIfAbsent(describe(failure), cause -> new LongAdder()).increment();
                }
                finished.incrementAndGet();
            }
        }

        int finished() {
            return finished.get();
        }

        String status(int requested) {
            int readyCount;
            synchronized (this) {
                readyCount = ready.size();
            }
            int failed = failures.values().stream().mapToInt(LongAdder::intValue).sum();
            return String.format(Locale.ROOT, "ready %,d/%,d failed %,d", readyCount, requested, failed);
        }

        synchronized RampResult result(int requested, int attempted, long startNanos) {
            frozen = true;
            Map<String, Integer> causes = new HashMap<>();
            failures.forEach((cause, counter) -> causes.put(cause, counter.intValue()));
            int timedOut = attempted - finished.get();
            if (timedOut > 0) {
                causes.put(TIMED_OUT, timedOut);
            }
            if (attempted < requested) {
                causes.put(NOT_ATTEMPTED, requested - attempted);
            }
            long elapsed = ready.isEmpty() ? 0 : lastReadyNanos.get() - startNanos;
            return new RampResult(ready, requested, causes, elapsed, readyLatency.total());
        }

        private static String describe(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            String message = cause.getMessage();
            return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
    }
}
