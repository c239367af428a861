package io.thingbus.sim.bench.scenario;

import java.time.Duration;

/**
 * The timed phases of a publishing scenario, after its connections are ready.
 *
 * @param warmup publishing at full rate, not measured
 * @param duration the measurement window
 * @param drain the most time given after the window for late deliveries to arrive
 */
public record PhaseSettings(Duration warmup, Duration duration, Duration drain) {

    public PhaseSettings {
        if (warmup.isNegative() || drain.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("phases cannot be negative and the measurement needs a duration");
        }
    }
}
