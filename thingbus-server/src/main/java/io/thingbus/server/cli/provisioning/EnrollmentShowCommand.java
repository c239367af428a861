package io.thingbus.server.cli.provisioning;

import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus enrollment show ID [--group]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print one enrollment; its keys too for an operator or admin token.")
public final class EnrollmentShowCommand implements Callable<Integer> {

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
        String answer = enrollment.client(api).get(selector.path());
        api.print(spec.commandLine().getOut(), answer,
                shown -> EnrollmentText.block(shown).print(spec.commandLine().getOut()));
        return 0;
    }
}
