package io.thingbus.server.cli.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus enrollment derive-key GROUP_ID REGISTRATION_ID [--key secondary]}: the key a member of
 * the group registers with, {@code base64(HMAC-SHA256(base64decode(groupKey), registrationId))}, from the
 * group's key as the hub shows it to an operator or admin. Printed alone on standard output, so
 * {@code $(thingbus enrollment derive-key badges badge-0042)} works; with {@code --json} both keys.
 */
@Command(name = "derive-key", mixinStandardHelpOptions = true,
        description = "Print the key a device registering as REGISTRATION_ID under a group signs with (derived from the"
                + " group's key, which needs an operator or admin token).")
public final class EnrollmentDeriveKeyCommand implements Callable<Integer> {

    @ParentCommand
    EnrollmentCommand enrollment;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GROUP_ID", description = "The enrollment group.")
    String groupId;

    @Parameters(index = "1", paramLabel = "REGISTRATION_ID", description = "The id the device registers as.")
    String registrationId;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "primary",
            description = "Derive from the group's primary or secondary key (default: ${DEFAULT-VALUE}).")
    String key;

    @Override
    public Integer call() throws InterruptedException {
        if (!key.equals("primary") && !key.equals("secondary")) {
            throw new ParameterException(spec.commandLine(), "--key is primary or secondary, was '" + key + "'");
        }
        JsonNode group = ApiClient.parse(enrollment.client(api).get(EnrollmentCommand.path(groupId, true)));
        if (!group.hasNonNull("primaryKey") || !group.hasNonNull("secondaryKey")) {
            throw new ThingbusException(ErrorCode.NOT_AUTHORIZED, ErrorCode.NOT_AUTHORIZED.description()
                    + ": the hub shows a group's keys only to an operator or admin token");
        }
        EnrollmentKeys derived = new EnrollmentKeys(group.get("primaryKey").asText(), group.get("secondaryKey").asText())
                .deriveFor(registrationId);
        PrintWriter out = spec.commandLine().getOut();
        if (api.json()) {
            out.println(JsonNodeFactory.instance.objectNode().put("groupId", groupId).put("registrationId", registrationId)
                    .put("primaryKey", derived.primaryKey()).put("secondaryKey", derived.secondaryKey()));
        } else {
            out.println(key.equals("primary") ? derived.primaryKey() : derived.secondaryKey());
        }
        out.flush();
        return 0;
    }
}
