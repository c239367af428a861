package io.thingbus.server.cli.device;

import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiCommandGroup;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code thingbus device ...}: the device registry of a running hub, through its management API. */
@Command(name = "device",
        mixinStandardHelpOptions = true,
        description = "Manage the devices of a running hub through its API (an operator or admin token; reader for"
                + " list, show and connection).",
        subcommands = {DeviceCreateCommand.class, DeviceListCommand.class, DeviceShowCommand.class,
                DeviceStatusCommand.Enable.class, DeviceStatusCommand.Disable.class, DeviceDeleteCommand.class,
                DeviceTokenCommand.class, DeviceImportCommand.class, DeviceConnectionCommand.class})
public final class DeviceCommand extends ApiCommandGroup {

    /** The API's device collection. */
    static final String DEVICES = "/api/v1/devices";

    /** @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR */
    public DeviceCommand(Map<String, String> environment) {
        super(environment);
    }

    /** The path of one device. */
    static String path(String deviceId) {
        return DEVICES + "/" + ApiClient.segment(deviceId);
    }
}
