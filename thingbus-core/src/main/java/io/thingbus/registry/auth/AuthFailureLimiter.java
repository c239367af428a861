package io.thingbus.registry.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down credential guessing: after {@link FailureLimits#maxFailures()} failed attempts from one
 * remote address, or for one claimed id, within {@link FailureLimits#window()} of the first of them,
 * further attempts from that address or for that id are refused at once, without checking
 * credentials, until the window has passed.
 *
 * <p>Windows are fixed: they start at a key's first failure and the count starts over after them. A
 * success resets nothing (an attacker who holds one valid credential must not be able to clear its
 * address, and a device's own success must not grant another round of guesses at its key). Memory is
 * bounded: at most {@link FailureLimits#maxTrackedKeys()} keys are tracked, and the one touched least
 * recently is forgotten first. Time comes from the injected clock. Safe for concurrent use.
 */
public final class AuthFailureLimiter {

    private static final String ADDRESS = "address:";
    private static final String CLAIMED_ID = "id:";

    private final FailureLimits limits;
    private final Clock clock;
    private final LinkedHashMap<String, Window> windows;

    public AuthFailureLimiter(FailureLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > limits.maxTrackedKeys();
            }
        };
    }

    /** Whether an attempt from this address, claiming this id (null: none), must be refused now. */
    public synchronized boolean isBlocked(String remoteAddress, String claimedId) {
        if (!limits.isEnabled()) {
            return false;
        }
        long now = clock.millis();
        return isBlocked(ADDRESS + remoteAddress, now) || claimedId != null && isBlocked(CLAIMED_ID + claimedId, now);
    }

    /** Counts a failed attempt against the address and the claimed id (null: none). */
    public synchronized void recordFailure(String remoteAddress, String claimedId) {
        if (!limits.isEnabled()) {
            return;
        }
        long now = clock.millis();
        count(ADDRESS + remoteAddress, now);
        if (claimedId != null) {
            count(CLAIMED_ID + claimedId, now);
        }
    }

    /** How many keys are tracked now. */
    public synchronized int trackedKeys() {
        return windows.size();
    }

    private boolean isBlocked(String key, long now) {
        Window window = windows.get(key);
        if (window == null) {
            return false;
        }
        if (window.hasPassed(now, limits.window())) {
            windows.remove(key);
            return false;
        }
        return window.failures >= limits.maxFailures();
    }

    private void count(String key, long now) {
        Window window = windows.get(key);
        if (window == null || window.hasPassed(now, limits.window())) {
            windows.put(key, new Window(now));
        } else {
            window.failures++;
        }
    }

    /** Failures since {@code start}; touched under the limiter's lock only. */
    private static final class Window {
        private final long start;
        private int failures = 1;

        Window(long start) {
            this.start = start;
        }

        boolean hasPassed(long now, Duration length) {
            return now - start >= length.toMillis();
        }
    }
}
