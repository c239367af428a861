package io.thingbus.registry.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link AuthFailureLimiter}.
 *
 * @param maxFailures    failed attempts per remote address or claimed id within a window before further
 *                       attempts are refused; 0 turns the limiter off
 * @param window         how long failures are counted from the first, and how long a blocked key stays blocked
 * @param maxTrackedKeys addresses and ids remembered at most (the least recently touched are forgotten first)
 */
public record FailureLimits(int maxFailures, Duration window, int maxTrackedKeys) {

    /** 5 failures a minute, 100,000 keys (a few MB at most). */
    public static final FailureLimits DEFAULT = new FailureLimits(5, Duration.ofMinutes(1), 100_000);

    public FailureLimits {
        if (maxFailures < 0) {
            throw new IllegalArgumentException("the failure limit must not be negative, was " + maxFailures);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the failure window must be positive, was " + window);
        }
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("at least one key must be tracked, was " + maxTrackedKeys);
        }
    }

    /** Whether failures are limited at all. */
    public boolean isEnabled() {
        return maxFailures > 0;
    }
}
