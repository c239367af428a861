package io.thingbus.server.cli.device;

import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.KeyValueBlock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus device connection ID}: whether the device is connected now, since when, from where and
 * over what, and why its last connection ended; what the hub does not know is left out.
 */
@Command(name = "connection", mixinStandardHelpOptions = true,
        description = "Print a device's connection state: connected or not, since when, from where, over what, and why"
                + " its last connection ended.")
public final class DeviceConnectionCommand implements Callable<Integer> {

    @ParentCommand
    DeviceCommand device;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The device id.")
    String id;

    @Override
    public Integer call() throws InterruptedException {
        String answer = device.client(api).get(DeviceCommand.path(id) + "/connection");
        api.print(spec.commandLine().getOut(), answer, state -> new KeyValueBlock()
                .put("deviceId", state.path("deviceId").asText())
                .put("connectionState", state.path("connectionState").asText())
                .put("since", state.get("since"))
                .put("lastActivityTime", state.get("lastActivityTime"))
                .put("remoteAddress", state.get("remoteAddress"))
                .put("transport", state.get("transport"))
                .put("protocol", state.get("protocol"))
                .put("lastDisconnectReason", state.get("lastDisconnectReason"))
                .print(spec.commandLine().getOut()));
        return 0;
    }
}
