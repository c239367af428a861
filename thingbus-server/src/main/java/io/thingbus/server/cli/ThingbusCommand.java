package io.thingbus.server.cli;

import io.thingbus.server.cli.client.ProblemExitCodes;
import io.thingbus.server.cli.connectivity.ConnectivityCommand;
import io.thingbus.server.cli.device.DeviceCommand;
import io.thingbus.server.cli.provisioning.EnrollmentCommand;
import io.thingbus.server.cli.provisioning.RegistrationCommand;
import io.thingbus.server.cli.user.PasswordInput;
import io.thingbus.server.cli.user.UserCommand;
import io.thingbus.sim.bench.BenchCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code thingbus} executable: one binary, one subcommand per job. */
@Command(name = "thingbus",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Thingbus: a self-hosted IoT hub (MQTT 3.1.1/5 broker, device registry, telemetry, commands).",
        subcommands = {ServerCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class ThingbusCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine(args, System.getenv()).execute(args));
    }

    /**
     * The command line with option defaults from the environment and the config file; a command that
     * fails with a problem of the API exits with its error code's exit code.
     */
    static CommandLine commandLine(String[] args, Map<String, String> environment) {
        return commandLine(args, environment, PasswordInput.system());
    }

    /** The command line, with {@code user create} reading passwords from {@code passwords}. */
    static CommandLine commandLine(String[] args, Map<String, String> environment, PasswordInput passwords) {
        CommandLine commandLine = new CommandLine(new ThingbusCommand());
        // the bench scenario that needs the hub itself lives here, beside the module that has it
        commandLine.getSubcommands().get("bench").addSubcommand(new StartupBenchCommand());
        ((ServerCommand) commandLine.getSubcommands().get("server").getCommand()).environment = environment;
        commandLine.addSubcommand(new DeviceCommand(environment));
        commandLine.addSubcommand(new EnrollmentCommand(environment));
        commandLine.addSubcommand(new RegistrationCommand(environment));
        commandLine.addSubcommand(new UserCommand(environment, passwords));
        commandLine.addSubcommand(new ConnectivityCommand(environment));
        return commandLine.setExecutionExceptionHandler(new ProblemExitCodes()).setDefaultValueProvider(new ConfigDefaultProvider(environment,
                ConfigDefaultProvider.configFile(args, environment)));
    }
}
