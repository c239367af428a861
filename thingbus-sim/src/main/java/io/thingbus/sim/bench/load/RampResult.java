package io.thingbus.sim.bench.load;

import io.thingbus.sim.bench.client.BenchConnection;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How opening a set of connections went.
 *
 * @param ready connections that completed their handshake in time
 * @param requested connections asked for
 * @param failureCauses failed connections by cause (including "timed out" and "not attempted")
 * @param elapsedNanos from the first attempt until the last connection became ready
 * @param readyLatency from each connection's intended start until it was ready
 */
public record RampResult(List<BenchConnection> ready, int requested, Map<String, Integer> failureCauses,
        long elapsedNanos, Histogram readyLatency) {

    public RampResult {
        ready = List.copyOf(ready);
        failureCauses = Map.copyOf(failureCauses);
    }

    /** Connections that did not become ready. */
    public int failed() {
        return requested - ready.size();
    }

    /** Ready connections per second over the ramp. */
    public double readyPerSecond() {
        return elapsedNanos <= 0 ? 0 : ready.size() / (elapsedNanos / 1e9);
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
