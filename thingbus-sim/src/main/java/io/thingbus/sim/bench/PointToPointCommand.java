package io.thingbus.sim.bench;

import io.thingbus.sim.bench.scenario.PointToPointScenario;
import io.thingbus.sim.bench.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench p2p}: per-device messages, each pair a sender and its device. */
@Command(name = "p2p", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"N pairs: each sender publishes at a fixed rate to devices/ID/messages/devicebound/bench, "
                + "read by that device's subscriber. Reports messages received per second and latency."})
final class PointToPointCommand extends ScenarioCommand {

    @Option(names = {"-n", "--pairs"}, defaultValue = "100", paramLabel = "N",
            description = "Sender and device pairs. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "PER_SECOND",
            description = "Messages per second per pair. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Mixin
    MessageOptions message;

    @Mixin
    PhaseOptions phases;

    @Override
    Scenario scenario() {
        return new PointToPointScenario(new PointToPointScenario.Settings(pairs, rate, message.qos(),
                message.payloadSize(), phases.settings()));
    }

    @Override
    int plannedConnections() {
        return 2 * pairs;
    }
}
