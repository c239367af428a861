package io.thingbus.sim.bench;

import io.thingbus.sim.bench.scenario.FanInScenario;
import io.thingbus.sim.bench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench fanin}: many publishers into few consumers. */
@Command(name = "fanin", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"P publishers, each at a fixed rate on PREFIX/i, consumed by C consumers sharing "
                + "$share/bench/PREFIX/# (one plain subscriber if the broker refuses shared subscriptions). "
                + "Reports messages received per second and end-to-end latency percentiles."})
final class FanInCommand extends ScenarioCommand {

    @Option(names = {"-P", "--publishers"}, defaultValue = "10", paramLabel = "P",
            description = "Publishers. Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "PER_SECOND",
            description = "Messages per second per publisher. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = {"-C", "--consumers"}, defaultValue = "1", paramLabel = "C",
            description = "Consumers sharing the subscription. Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(names = "--topic-prefix", defaultValue = "bench/fanin", paramLabel = "PREFIX",
            description = "Topic prefix. Default: ${DEFAULT-VALUE}.")
    String topicPrefix;

    @Mixin
    MessageOptions message;

    @Mixin
    PhaseOptions phases;

    @Override
    Scenario scenario() {
        return new FanInScenario(new FanInScenario.Settings(publishers, rate, message.qos(), message.payloadSize(),
                consumers, topicPrefix, phases.settings()));
    }

    @Override
    int plannedConnections() {
        return publishers + consumers + 1;
    }
}
