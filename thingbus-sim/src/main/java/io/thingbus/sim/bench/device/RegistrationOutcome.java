package io.thingbus.sim.bench.device;

import io.thingbus.sim.bench.report.Figure;
import java.util.List;
import java.util.Map;

/**
 * How registering a run's devices went.
 *
 * @param registered devices the hub registered now (200)
 * @param alreadyRegistered devices it had registered before (409), which count as present
 * @param failureCauses the others by cause ("HTTP 401", "HttpTimeoutException", "not attempted")
 * @param elapsedNanos from the first request until the last answer
 */
public record RegistrationOutcome(int requested, long registered, long alreadyRegistered,
        Map<String, Integer> failureCauses, long elapsedNanos) {

    public RegistrationOutcome {
        failureCauses = Map.copyOf(failureCauses);
    }

    /** Devices that are not known to be registered. */
    public long failed() {
        return requested - registered - alreadyRegistered;
    }

    /** Answers per second over the whole setup. */
    public double perSecond() {
        return elapsedNanos <= 0 ? 0 : (registered + alreadyRegistered) / (elapsedNanos / 1e9);
    }

    /** The setup's figures: counts, its duration and its rate. */
    public List<Figure> figures() {
        return List.of(
                new Figure("registered", registered, "devices", Figure.Better.NEITHER),
                new Figure("already-registered", alreadyRegistered, "devices", Figure.Better.NEITHER),
                new Figure("registration-failed", failed(), "devices", Figure.Better.LOWER),
                new Figure("setup-time", elapsedNanos / 1e9, "s", Figure.Better.LOWER),
                new Figure("registration-rate", perSecond(), "devices/s", Figure.Better.HIGHER));
    }

    /** Failures by cause, most common first, for a one-line report. */
    public String describeFailures() {
        return failureCauses.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " x " + entry.getKey())
                .reduce((left, right) -> left + "; " + right)
                .orElse("none");
    }
}
