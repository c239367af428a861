package io.thingbus.server.cli.provisioning;

import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiCommandGroup;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code thingbus registration ...}: what a registration id became when it registered, and forgetting it. */
@Command(name = "registration",
        mixinStandardHelpOptions = true,
        description = "Show or forget the registration of a provisioned device (a reader token to show, operator to"
                + " delete).",
        subcommands = {RegistrationShowCommand.class, RegistrationDeleteCommand.class})
public final class RegistrationCommand extends ApiCommandGroup {

    /** @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR */
    public RegistrationCommand(Map<String, String> environment) {
        super(environment);
    }

    /** The path of one registration. */
    static String path(String registrationId) {
        return "/api/v1/registrations/" + ApiClient.segment(registrationId);
    }
}
