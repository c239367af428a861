package io.thingbus.server.cli.user;

import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus user delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove an MQTT user: it cannot connect any more.")
public final class UserDeleteCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand user;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        user.client(api).delete(UserCommand.path(name));
        if (!api.json()) {
            spec.commandLine().getOut().println("deleted " + name);
        }
        return 0;
    }
}
