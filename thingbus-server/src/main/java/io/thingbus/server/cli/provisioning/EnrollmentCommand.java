package io.thingbus.server.cli.provisioning;

import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiCommandGroup;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code thingbus enrollment ...}: the provisioning allow-list of a running hub, individual enrollments
 * (one device each, by registration id) and enrollment groups (any device whose key derives from the
 * group's), through its management API.
 */
@Command(name = "enrollment",
        mixinStandardHelpOptions = true,
        description = "Manage the enrollments devices provision themselves against (an operator or admin token; reader"
                + " for list and show).",
        subcommands = {EnrollmentCreateCommand.Individual.class, EnrollmentCreateCommand.Group.class,
                EnrollmentListCommand.class, EnrollmentShowCommand.class, EnrollmentStatusCommand.Enable.class,
                EnrollmentStatusCommand.Disable.class, EnrollmentDeleteCommand.class, EnrollmentDeriveKeyCommand.class})
public final class EnrollmentCommand extends ApiCommandGroup {

    /** The API's individual enrollments. */
    static final String INDIVIDUAL = "/api/v1/enrollments/individual";
    /** The API's enrollment groups. */
    static final String GROUPS = "/api/v1/enrollments/groups";

    /** @param environment the process environment, for THINGBUS_URL, THINGBUS_TOKEN and THINGBUS_DATA_DIR */
    public EnrollmentCommand(Map<String, String> environment) {
        super(environment);
    }

    /** The path of one individual enrollment, or of one group. */
    static String path(String id, boolean group) {
        return (group ? GROUPS : INDIVIDUAL) + "/" + ApiClient.segment(id);
    }
}
