package io.thingbus.sim.bench;

import io.thingbus.sim.bench.client.ClientGroup;
import io.thingbus.sim.bench.client.ClientSettings;
import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.load.ProgressPrinter;
import io.thingbus.sim.bench.report.ResultFiles;
import io.thingbus.sim.bench.report.ScenarioResult;
import io.thingbus.sim.bench.report.SummaryLine;
import io.thingbus.sim.bench.scenario.IdentitySetup;
import io.thingbus.sim.bench.scenario.Scenario;
import io.thingbus.sim.bench.scenario.ScenarioEnvironment;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every scenario command does: check the options, ready the connections' identities (in device
 * mode: sign and register the devices), run the scenario on a fresh client group, print the
 * one-line summary, write the JSON result. Exit code 0 when the run passed, 1 when it
 * failed, 2 for bad usage (picocli's convention).
 */
abstract class ScenarioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    /** The scenario this command's options describe; {@link IllegalArgumentException} for bad values. */
    abstract Scenario scenario();

    /** How many connections the scenario opens, to plan source addresses. */
    abstract int plannedConnections();

    /**
     * How the run's connections identify themselves; {@link IllegalArgumentException} for bad values.
     * Generic mode: the shared {@code --username} and {@code --password}.
     */
    IdentitySetup identitySetup() {
        return IdentitySetup.ready(sharedIdentities());
    }

    /** Client ids PREFIX-ROLE-INDEX with the shared {@code --username} and {@code --password}. */
    final ConnectIdentities sharedIdentities() {
        return target.identities(client.clientIdPrefix);
    }

    @Override
    public Integer call() throws IOException {
        Scenario scenario;
        ClientSettings settings;
        IdentitySetup identities;
        try {
            scenario = scenario();
            settings = client.settings(target.broker(), target.version(), plannedConnections());
            identities = identitySetup();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), !output.quiet);
        IdentitySetup.Prepared prepared = identities.prepare(progress);
        ScenarioResult result;
        try (ClientGroup clients = new ClientGroup(settings)) {
            if (prepared.report().passed()) {
                progress.note(scenario.name() + " against " + clients.describeTarget() + ", " + settings.ioThreads()
                        + " I/O threads, " + settings.sources().addresses() + " source address(es)");
                result = scenario.run(new ScenarioEnvironment(clients, prepared.identities(), client.rampSettings(),
                        progress, client.maxFailureRatio));
                progress.note("stopping: disconnecting " + clients.openChannels() + " connections");
            } else {
                result = new ScenarioResult(scenario.name(), clients.describeTarget(), scenario.parameters(),
                        List.of(), List.of(), List.of("not run: the setup failed"));
            }
        }
        result = result.withSetup(prepared.report());
        spec.commandLine().getOut().println(SummaryLine.format(result));
        spec.commandLine().getOut().flush();
        if (output.json != null) {
            new ResultFiles().write(output.json, result);
        }
        return result.passed() ? ExitCode.OK : ExitCode.SOFTWARE;
    }
}
