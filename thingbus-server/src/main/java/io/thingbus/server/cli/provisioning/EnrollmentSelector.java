package io.thingbus.server.cli.provisioning;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ID [--group]} of a command on one enrollment: a registration id, or with {@code --group} a group id (a picocli mixin). */
final class EnrollmentSelector {

    @Parameters(index = "0", paramLabel = "ID", description = "The registration id (with --group: the group id).")
    String id;

    @Option(names = "--group", description = "ID names an enrollment group rather than an individual enrollment.")
    boolean group;

    /** The enrollment for people: {@code ID}, or {@code group ID}. */
    String name() {
        return group ? "group " + id : id;
    }

    /** The enrollment's path in the API. */
    String path() {
        return EnrollmentCommand.path(id, group);
    }
}
