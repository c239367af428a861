package io.thingbus.server.cli.device;

import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus device delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Remove a device: its keys stop working and its connections are closed.")
public final class DeviceDeleteCommand implements Callable<Integer> {

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
        device.client(api).delete(DeviceCommand.path(id));
        if (!api.json()) {
            spec.commandLine().getOut().println("deleted " + id);
        }
        return 0;
    }
}
