package io.thingbus.server.cli.user;

import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiCommandGroup;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code thingbus user ...}: the MQTT users (user name and password clients) of a running hub, through its API. */
@Command(name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage the MQTT users of a running hub: clients that connect with a user name and password"
                + " (an admin token).",
        subcommands = {UserCreateCommand.class, UserListCommand.class, UserDeleteCommand.class})
public final class UserCommand extends ApiCommandGroup {

    /** The API's user collection. */
    static final String USERS = "/api/v1/users";

    private final PasswordInput passwords;

    /**
     * @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR
     * @param passwords   where {@code user create} reads a password
     */
    public UserCommand(Map<String, String> environment, PasswordInput passwords) {
        super(environment);
        this.passwords = passwords;
    }

    PasswordInput passwords() {
        return passwords;
    }

    /** The path of one user. */
    static String path(String name) {
        return USERS + "/" + ApiClient.segment(name);
    }
}
