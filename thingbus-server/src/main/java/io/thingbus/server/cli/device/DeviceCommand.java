package io.thingbus.server.cli.device;

import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code thingbus device ...}: the device registry of a running hub, through its management API. */
@Command(name = "device",
        mixinStandardHelpOptions = true,
        description = "Manage the devices of a running hub through its API (an operator or admin token; reader for"
                + " list and show).",
        subcommands = {DeviceCreateCommand.class, DeviceListCommand.class, DeviceShowCommand.class,
                DeviceStatusCommand.Enable.class, DeviceStatusCommand.Disable.class, DeviceDeleteCommand.class,
                DeviceTokenCommand.class, DeviceImportCommand.class})
public final class DeviceCommand implements Runnable {

    /** The API's device collection. */
    static final String DEVICES = "/api/v1/devices";

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    /** @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR */
    public DeviceCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A client for the hub a subcommand's options name. */
    ApiClient client(ApiOptions options) {
        return options.client(environment);
    }

    /** The path of one device. */
    static String path(String deviceId) {
        return DEVICES + "/" + ApiClient.segment(deviceId);
    }
}
