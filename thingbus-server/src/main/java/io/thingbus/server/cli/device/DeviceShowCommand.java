package io.thingbus.server.cli.device;

import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus device show ID}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print one device; its keys and connection string too for an operator or admin token.")
public final class DeviceShowCommand implements Callable<Integer> {

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
        String answer = device.client(api).get(DeviceCommand.path(id));
        api.print(spec.commandLine().getOut(), answer, shown -> DeviceText.block(shown).print(spec.commandLine().getOut()));
        return 0;
    }
}
