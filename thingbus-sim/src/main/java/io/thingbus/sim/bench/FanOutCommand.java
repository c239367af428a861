package io.thingbus.sim.bench;

import io.thingbus.sim.bench.scenario.FanOutScenario;
import io.thingbus.sim.bench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench fanout}: one publisher to many subscribers of one topic. */
@Command(name = "fanout", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One publisher at a fixed rate to N subscribers of one topic. Reports deliveries per second, "
                + "latency of every delivery and the time until the last subscriber got each message."})
final class FanOutCommand extends ScenarioCommand {

    @Option(names = {"-n", "--subscribers"}, defaultValue = "100", paramLabel = "N",
            description = "Subscribers. Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "PER_SECOND",
            description = "Messages per second from the publisher. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--topic", defaultValue = "bench/fanout", description = "Topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Mixin
    MessageOptions message;

    @Mixin
    PhaseOptions phases;

    @Override
    Scenario scenario() {
        return new FanOutScenario(new FanOutScenario.Settings(subscribers, rate, message.qos(), message.payloadSize(),
                topic, phases.settings()));
    }

    @Override
    int plannedConnections() {
        return subscribers + 1;
    }
}
