package io.thingbus.sim.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus bench}: the load generator. One subcommand per scenario, plus {@code compare}
 * for results side by side. Targets loopback brokers only.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            ConnectionsCommand.class,
            FanInCommand.class,
            FanOutCommand.class,
            PointToPointCommand.class,
            TelemetryCommand.class,
            CompareCommand.class
        },
        description = {"Load an MQTT 3.1.1/5 broker on this machine and measure it.",
            "Exit codes: 0 the run passed, 1 it failed, 2 bad usage."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing scenario: connections, fanin, fanout, p2p, telemetry or compare");
    }
}
