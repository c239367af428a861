package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingbus.registry.DeviceStatus;
import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus device enable ID} and {@code thingbus device disable ID}. */
public abstract class DeviceStatusCommand implements Callable<Integer> {

    @ParentCommand
    DeviceCommand device;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The device id.")
    String id;

    private final DeviceStatus status;

    DeviceStatusCommand(DeviceStatus status) {
        this.status = status;
    }

    @Override
    public Integer call() throws InterruptedException {
        String answer = device.client(api).send("PATCH", DeviceCommand.path(id),
                JsonNodeFactory.instance.objectNode().put("status", status.wireName()));
        api.print(spec.commandLine().getOut(), answer, changed -> spec.commandLine().getOut()
                .println(changed.path("deviceId").asText() + ": " + changed.path("status").asText()));
        return 0;
    }

    /** {@code thingbus device enable ID}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a device connect again.")
    public static final class Enable extends DeviceStatusCommand {

        public Enable() {
            super(DeviceStatus.ENABLED);
        }
    }

    /** {@code thingbus device disable ID}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse a device's connections (and close the open ones); its registration stays.")
    public static final class Disable extends DeviceStatusCommand {

        public Disable() {
            super(DeviceStatus.DISABLED);
        }
    }
}
