package io.thingbus.telemetry;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the telemetry log and the event store keep records.
 *
 * @param logMaxAge            the log removes records older than this
 * @param logMaxBytes          the log keeps at most this many bytes per partition (by
 *                             {@link TelemetryRecord#size()}), removing the oldest first
 * @param eventMaxAge          the event store removes events older than this (at its granularity,
 *                             see {@code EventStore#enforceRetention})
 */
public record TelemetryRetention(Duration logMaxAge, long logMaxBytes, Duration eventMaxAge) {

    /** Seven days of log, at most 1 GiB per partition; thirty days of events. */
    public static final TelemetryRetention DEFAULTS = new TelemetryRetention(Duration.ofDays(7), 1L << 30, Duration.ofDays(30));

    public TelemetryRetention {
        requirePositive(logMaxAge, "logMaxAge");
        if (logMaxBytes <= 0) {
            throw new IllegalArgumentException("logMaxBytes must be positive, was " + logMaxBytes);
        }
        requirePositive(eventMaxAge, "eventMaxAge");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
