package io.thingbus.server.cli.provisioning;

import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus registration delete REGISTRATION_ID}: forgets it, so the id may register once more; its device stays. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Forget a registration, so the id may register once more (a replaced device); its device stays.")
public final class RegistrationDeleteCommand implements Callable<Integer> {

    @ParentCommand
    RegistrationCommand registration;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REGISTRATION_ID", description = "The registration id.")
    String registrationId;

    @Override
    public Integer call() throws InterruptedException {
        registration.client(api).delete(RegistrationCommand.path(registrationId));
        if (!api.json()) {
            spec.commandLine().getOut().println("deleted registration " + registrationId);
        }
        return 0;
    }
}
