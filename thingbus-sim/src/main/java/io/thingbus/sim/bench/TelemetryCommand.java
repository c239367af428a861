package io.thingbus.sim.bench;

import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.client.SharedCredentials;
import io.thingbus.sim.bench.scenario.IdentitySetup;
import io.thingbus.sim.bench.scenario.Scenario;
import io.thingbus.sim.bench.scenario.TelemetryScenario;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench telemetry}: devices publishing telemetry on their own topics to shared back-end consumers. */
@Command(name = "telemetry", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"N devices share a fixed total rate, each publishing to devices/ID/messages/events/, "
                + "consumed by C consumers sharing " + TelemetryScenario.CONSUMER_FILTER + ". Reports the "
                + "published, acknowledged and delivered rates and end-to-end latency. With --sas-group-key the "
                + "publishers are a hub's devices with their own SAS tokens, and the consumers log in with "
                + "--consumer-username/--consumer-password (a service principal)."})
final class TelemetryCommand extends ScenarioCommand {

    @Option(names = {"-n", "--devices"}, defaultValue = "100", paramLabel = "N",
            description = "Devices publishing. Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "PER_SECOND",
            description = "Messages per second over all devices together. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = {"-C", "--consumers"}, defaultValue = "1", paramLabel = "C",
            description = "Consumers sharing the subscription. Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(names = "--consumer-username", paramLabel = "NAME",
            description = "User name of the consumers (a hub's service principal); else --username.")
    String consumerUsername;

    @Option(names = "--consumer-password", paramLabel = "SECRET",
            description = "Password of the consumers (the principal's API token); else --password.")
    String consumerPassword;

    @Mixin
    MessageOptions message = new MessageOptions(1, 64);

    @Mixin
    PhaseOptions phases;

    @Mixin
    DeviceOptions deviceMode;

    @Override
    Scenario scenario() {
        return new TelemetryScenario(new TelemetryScenario.Settings(devices, rate, message.qos(),
                message.payloadSize(), consumers, phases.settings()));
    }

    @Override
    int plannedConnections() {
        return devices + consumers;
    }

    @Override
    IdentitySetup identitySetup() {
        ConnectIdentities shared = sharedIdentities();
        ConnectIdentities consumerLogin = consumerUsername == null && consumerPassword == null
                ? shared
                : new SharedCredentials(client.clientIdPrefix, consumerUsername, consumerPassword);
        ConnectIdentities generic = (role, index) -> role == ClientRole.SUBSCRIBER
                ? consumerLogin.identityFor(role, index)
                : shared.identityFor(role, index);
        return deviceMode.identitySetup(ClientRole.PUBLISHER, devices, generic, Clock.systemUTC());
    }
}
