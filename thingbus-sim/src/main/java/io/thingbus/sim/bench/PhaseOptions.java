package io.thingbus.sim.bench;

import io.thingbus.sim.bench.scenario.PhaseSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The timed phases of a publishing scenario. */
public final class PhaseOptions {

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Publishing before measurement starts, not measured. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "The measurement window. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--drain", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "At most this long after the window for late deliveries. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    PhaseSettings settings() {
        return new PhaseSettings(warmup, duration, drain);
    }
}
