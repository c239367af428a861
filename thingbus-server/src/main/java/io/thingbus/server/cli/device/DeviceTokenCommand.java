package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingbus.server.cli.client.ApiOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus device token ID [--expires 1h] [--key secondary]}: prints a SAS token for the device (the
 * MQTT password) alone on standard output, so {@code $(thingbus device token dev-1)} works; its expiry goes
 * to standard error.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a SAS token for a device, to use as its MQTT password.")
public final class DeviceTokenCommand implements Callable<Integer> {

    @ParentCommand
    DeviceCommand device;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The device id.")
    String id;

    @Option(names = "--expires", paramLabel = "LIFETIME", defaultValue = "1h", converter = LifetimeConverter.class,
            description = "How long the token is valid: 3600, 30s, 15m, 1h, 7d; at most 365d (default: ${DEFAULT-VALUE}).")
    Duration expires;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "primary",
            description = "The key that signs it: primary or secondary (default: ${DEFAULT-VALUE}).")
    String key;

    @Override
    public Integer call() throws InterruptedException {
        if (!key.equals("primary") && !key.equals("secondary")) {
            throw new ParameterException(spec.commandLine(), "--key is primary or secondary, was '" + key + "'");
        }
        String answer = device.client(api).send("POST", DeviceCommand.path(id) + "/token",
                JsonNodeFactory.instance.objectNode().put("expiresInSeconds", expires.toSeconds()).put("key", key));
        api.print(spec.commandLine().getOut(), answer, minted -> {
            spec.commandLine().getOut().println(minted.path("token").asText());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("expires " + minted.path("expires").asText());
            spec.commandLine().getErr().flush();
        });
        return 0;
    }
}
