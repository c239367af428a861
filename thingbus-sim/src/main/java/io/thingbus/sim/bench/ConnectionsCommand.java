package io.thingbus.sim.bench;

import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.scenario.ConnectionsScenario;
import io.thingbus.sim.bench.scenario.IdentitySetup;
import io.thingbus.sim.bench.scenario.ProcessMemory;
import io.thingbus.sim.bench.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench connections}: many idle connections, their connect rate and the broker's memory per connection. */
@Command(name = "connections", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ramp N idle MQTT connections at --connect-rate from several 127.0.0.x source addresses, "
                + "hold them with keep-alive, and report connect rate, failures and, with --broker-pid, "
                + "the broker's resident memory per connection. With --sas-group-key the connections are a hub's "
                + "devices, each with its own SAS token: the SAS connect rate."})
final class ConnectionsCommand extends ScenarioCommand {

    @Option(names = {"-n", "--connections"}, defaultValue = "1000", paramLabel = "N",
            description = "Connections to open. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--hold", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to keep them open after the ramp. Default: ${DEFAULT-VALUE}.")
    Duration hold;

    @Option(names = "--broker-pid", paramLabel = "PID",
            description = "The broker's process id on this host, to read its VmRSS before and after.")
    Long brokerPid;

    @Mixin
    DeviceOptions deviceMode;

    @Override
    Scenario scenario() {
        return new ConnectionsScenario(new ConnectionsScenario.Settings(connections, hold,
                Optional.ofNullable(brokerPid).map(ProcessMemory::new)));
    }

    @Override
    int plannedConnections() {
        return connections;
    }

    @Override
    IdentitySetup identitySetup() {
        return deviceMode.identitySetup(ClientRole.IDLE, connections, sharedIdentities(), Clock.systemUTC());
    }
}
