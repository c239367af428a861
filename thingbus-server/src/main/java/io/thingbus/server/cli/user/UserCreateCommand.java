package io.thingbus.server.cli.user;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.KeyValueBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus user create NAME [--password-file FILE | --password-stdin]}: adds an MQTT user. Without
 * either option the password is asked for on the console, twice, without echo. There is deliberately no
 * {@code --password} option: a command line is visible to every user of the machine.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Add an MQTT user. The password (at least 8 characters) comes from --password-file, from"
                + " --password-stdin, or is asked for on the console.")
public final class UserCreateCommand implements Callable<Integer> {

    @ParentCommand
    UserCommand user;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name the client connects with.")
    String name;

    @ArgGroup(exclusive = true)
    Source source;

    /** Where the password comes from when it is not asked for. */
    static final class Source {

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
        Path file;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;
    }

    @Override
    public Integer call() throws InterruptedException {
        char[] password = password();
        String answer;
        try {
            answer = user.client(api).send("POST", UserCommand.USERS,
                    JsonNodeFactory.instance.objectNode().put("name", name).put("password", new String(password)));
        } finally {
            PasswordInput.wipe(password);
        }
        api.print(spec.commandLine().getOut(), answer, created -> new KeyValueBlock()
                .put("name", created.path("name").asText())
                .put("created", created.path("created").asText())
                .print(spec.commandLine().getOut()));
        return 0;
    }

    private char[] password() {
        PasswordInput input = user.passwords();
        try {
            if (source != null && source.file != null) {
                return input.fromFile(source.file);
            }
            return source != null && source.stdin ? input.fromStdin() : input.prompted(name);
        } catch (IOException unreadable) {
            throw new ParameterException(spec.commandLine(), "cannot read the password: " + unreadable.getMessage());
        } catch (IllegalArgumentException unusable) {
            throw new ParameterException(spec.commandLine(), unusable.getMessage());
        }
    }
}
