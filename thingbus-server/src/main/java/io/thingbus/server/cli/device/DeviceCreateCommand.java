package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TagArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus device create ID [--tag NAME=VALUE]... [--parent ID]}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Register a device; prints its keys and connection string (keep them: show prints them again"
                + " only to operators and admins).")
public final class DeviceCreateCommand implements Callable<Integer> {

    @ParentCommand
    DeviceCommand device;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The device id.")
    String id;

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "A tag; repeat for more.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--parent", paramLabel = "ID", description = "The gateway that publishes for this device.")
    String parent;

    @Override
    public Integer call() throws InterruptedException {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("deviceId", id);
        ObjectNode tagObject = body.putObject("tags");
        for (Map.Entry<String, String> tag : TagArguments.parse(tags, spec).entrySet()) {
            tagObject.put(tag.getKey(), tag.getValue());
        }
        if (parent != null) {
            body.put("parentId", parent);
        }
        String answer = device.client(api).send("POST", DeviceCommand.DEVICES, body);
        api.print(spec.commandLine().getOut(), answer,
                created -> DeviceText.block(created).print(spec.commandLine().getOut()));
        return 0;
    }
}
