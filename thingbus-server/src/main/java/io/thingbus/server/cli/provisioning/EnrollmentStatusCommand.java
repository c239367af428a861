package io.thingbus.server.cli.provisioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingbus.registry.provisioning.EnrollmentStatus;
import io.thingbus.server.cli.client.ApiOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus enrollment enable ID [--group]} and {@code thingbus enrollment disable ID [--group]}. */
public abstract class EnrollmentStatusCommand implements Callable<Integer> {

    @ParentCommand
    EnrollmentCommand enrollment;

    @Mixin
    ApiOptions api;

    @Mixin
    EnrollmentSelector selector;

    @Spec
    CommandSpec spec;

    private final EnrollmentStatus status;

    EnrollmentStatusCommand(EnrollmentStatus status) {
        this.status = status;
    }

    @Override
    public Integer call() throws InterruptedException {
        String answer = enrollment.client(api).send("PATCH", selector.path(),
                JsonNodeFactory.instance.objectNode().put("status", status.wireName()));
        api.print(spec.commandLine().getOut(), answer, changed -> spec.commandLine().getOut()
                .println(selector.name() + ": " + changed.path("status").asText()));
        return 0;
    }

    /** {@code thingbus enrollment enable ID [--group]}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let devices register through an enrollment again.")
    public static final class Enable extends EnrollmentStatusCommand {

        public Enable() {
            super(EnrollmentStatus.ENABLED);
        }
    }

    /** {@code thingbus enrollment disable ID [--group]}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse new registrations through an enrollment; devices registered already stay.")
    public static final class Disable extends EnrollmentStatusCommand {

        public Disable() {
            super(EnrollmentStatus.DISABLED);
        }
    }
}
