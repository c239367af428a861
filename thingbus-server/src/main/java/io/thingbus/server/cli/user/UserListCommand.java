package io.thingbus.server.cli.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TextTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus user list}: a table {@code NAME  CREATED} in name order. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the MQTT users (never a password).")
public final class UserListCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand user;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String answer = user.client(api).get(UserCommand.USERS);
        api.print(spec.commandLine().getOut(), answer, users -> {
            TextTable table = new TextTable("NAME", "CREATED");
            for (JsonNode item : users.path("items")) {
                table.row(item.path("name").asText(), item.path("created").asText());
            }
            table.print(spec.commandLine().getOut());
        });
        return 0;
    }
}
