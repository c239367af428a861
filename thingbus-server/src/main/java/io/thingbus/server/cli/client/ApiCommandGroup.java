package io.thingbus.server.cli.client;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that groups subcommands calling the hub's API ({@code thingbus device}, {@code enrollment},
 * ...): run alone it prints its usage, and it gives its subcommands a client for the hub their
 * {@link ApiOptions} name. The environment comes in through the constructor, so tests pass their own.
 */
public abstract class ApiCommandGroup implements Runnable {

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    /** @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR */
    protected ApiCommandGroup(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A client for the hub a subcommand's options name. */
    public ApiClient client(ApiOptions options) {
        return options.client(environment);
    }
}
