package io.thingbus.events;

import io.thingbus.telemetry.TelemetryLog;
import io.thingbus.telemetry.TelemetryRetention;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TelemetryRetention} to the telemetry log and the event store, periodically on a
 * thread of its own, so ingest never waits for it: each pass finds the cut of each partition with a
 * few point reads and removes the head with one range delete.
 */
public final class TelemetryRetentionSweep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelemetryRetentionSweep.class);

    private final TelemetryLog telemetryLog;
    private final EventStore events;
    private final TelemetryRetention retention;
    private final InstantSource clock;
    private ScheduledExecutorService scheduler;

    public TelemetryRetentionSweep(TelemetryLog telemetryLog, EventStore events, TelemetryRetention retention,
                                   InstantSource clock) {
        this.telemetryLog = telemetryLog;
        this.events = events;
        this.retention = retention;
        this.clock = clock;
    }

    /** Sweeps every {@code period}, the first time at once. */
    public synchronized void start(Duration period) {
        if (scheduler != null) {
            throw new IllegalStateException("the retention sweep is already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "thingbus-telemetry-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweepLoggingFailures, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies the retention once, now; returns how many log records were removed. */
    public long sweep() {
        long now = clock.millis();
        long removed = telemetryLog.enforceRetention(now - retention.logMaxAge().toMillis(), retention.logMaxBytes());
        events.enforceRetention(now - retention.eventMaxAge().toMillis());
        return removed;
    }

    /** Stops the sweeps and waits for one in progress. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sweepLoggingFailures() {
        try {
            long removed = sweep();
            if (removed > 0) {
                log.debug("Telemetry retention removed {} log records", removed);
            }
        } catch (RuntimeException e) {
            log.error("Applying telemetry retention failed; the next sweep tries again", e);
        }
    }
}
