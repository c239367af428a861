package io.thingbus.server.cli.connectivity;

import io.thingbus.server.cli.client.ApiCommandGroup;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code thingbus connectivity ...}: the hub's log of client connects and disconnects, through its API. */
@Command(name = "connectivity",
        mixinStandardHelpOptions = true,
        description = "Watch clients connect and disconnect (a reader token).",
        subcommands = {ConnectivityEventsCommand.class})
public final class ConnectivityCommand extends ApiCommandGroup {

    /** @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR */
    public ConnectivityCommand(Map<String, String> environment) {
        super(environment);
    }
}
