package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.client.BenchConnection;
import io.thingbus.sim.bench.client.ClientGroup;
import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.client.InboundPublishListener;
import io.thingbus.sim.bench.load.ConnectionRamp;
import io.thingbus.sim.bench.load.ProgressPrinter;
import io.thingbus.sim.bench.load.RampResult;
import java.util.Locale;
import java.util.Optional;

/**
 * What every scenario runs with: the client group, how connections identify themselves, how fast
 * they are opened, where progress goes, and how many failures a run tolerates.
 *
 * @param maxFailureRatio the share of connections that may fail before the run fails
 */
public record ScenarioEnvironment(ClientGroup clients, ConnectIdentities identities,
        ConnectionRamp.Settings rampSettings, ProgressPrinter progress, double maxFailureRatio) {

    public ScenarioEnvironment {
        if (maxFailureRatio < 0 || maxFailureRatio > 1) {
            throw new IllegalArgumentException("the failure ratio must be between 0 and 1");
        }
    }

    /** A ramp that opens connections at the configured rate. */
    public ConnectionRamp ramp() {
        return new ConnectionRamp(rampSettings, progress);
    }

    /** Starts connecting connection {@code index} of {@code role}. */
    public BenchConnection connect(ClientRole role, int index, InboundPublishListener listener) {
        return clients.connect(identities.identityFor(role, index), listener);
    }

    /** Whether {@code failed} of {@code requested} is more than the run tolerates. */
    public boolean tooManyFailures(long failed, long requested) {
        return failed > maxFailureRatio * requested;
    }

    /** Why opening {@code what} failed the run, if too many of them failed. */
    public Optional<String> rampProblem(String what, RampResult ramp) {
        if (!tooManyFailures(ramp.failed(), ramp.requested())) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%,d of %,d %s failed to connect (%s)",
                ramp.failed(), ramp.requested(), what, ramp.describeFailures()));
    }
}
