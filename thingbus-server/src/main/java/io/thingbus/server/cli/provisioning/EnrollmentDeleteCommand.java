package io.thingbus.server.cli.provisioning;

import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus enrollment delete ID [--group]}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Remove an enrollment; the devices it let in, and their registrations, stay.")
public final class EnrollmentDeleteCommand implements Callable<Integer> {

    @ParentCommand
    EnrollmentCommand enrollment;

    @Mixin
    ApiOptions api;

    @Mixin
    EnrollmentSelector selector;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        enrollment.client(api).delete(selector.path());
        if (!api.json()) {
            spec.commandLine().getOut().println("deleted " + selector.name());
        }
        return 0;
    }
}
