package io.thingbus.server.cli.provisioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TagArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus enrollment create-individual ID ...} and {@code create-group ID ...}: the options both
 * kinds take, and the enrollment printed with its keys (shown again only to operators and admins).
 */
public abstract class EnrollmentCreateCommand implements Callable<Integer> {

    @ParentCommand
    EnrollmentCommand enrollment;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "A tag the registered devices get; repeat for more.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--primary-key", paramLabel = "BASE64",
            description = "The primary key, base64 of 16 to 64 bytes; give both keys or neither (then the hub makes them).")
    String primaryKey;

    @Option(names = "--secondary-key", paramLabel = "BASE64", description = "The secondary key.")
    String secondaryKey;

    @Option(names = "--allow-reprovisioning",
            description = "Let a registration id that has registered register again (a re-flashed device).")
    boolean allowReprovisioning;

    @Option(names = "--allocation-policy", paramLabel = "POLICY",
            description = "How a registering device's partition is chosen: hash, least-loaded or tag:NAME. Default: the"
                    + " hub's.")
    String allocationPolicy;

    /** The collection to post to. */
    abstract String collection();

    /** The body's members that name the enrollment. */
    abstract void identify(ObjectNode body);

    @Override
    public Integer call() throws InterruptedException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        identify(body);
        ObjectNode tagObject = body.putObject("tags");
        for (Map.Entry<String, String> tag : TagArguments.parse(tags, spec).entrySet()) {
            tagObject.put(tag.getKey(), tag.getValue());
        }
        if (primaryKey != null) {
            body.put("primaryKey", primaryKey);
        }
        if (secondaryKey != null) {
            body.put("secondaryKey", secondaryKey);
        }
        body.put("allowReprovisioning", allowReprovisioning);
        if (allocationPolicy != null) {
            body.put("allocationPolicy", allocationPolicy);
        }
        String answer = enrollment.client(api).send("POST", collection(), body);
        api.print(spec.commandLine().getOut(), answer,
                created -> EnrollmentText.block(created).print(spec.commandLine().getOut()));
        return 0;
    }

    /** {@code thingbus enrollment create-individual REGISTRATION_ID [--device-id ID] [--parent ID] ...}. */
    @Command(name = "create-individual", mixinStandardHelpOptions = true,
            description = "Enroll one device by its registration id; prints the enrollment with its keys, which the"
                    + " device signs its registration with.")
    public static final class Individual extends EnrollmentCreateCommand {

        @Parameters(index = "0", paramLabel = "REGISTRATION_ID", description = "The id the device registers as.")
        String registrationId;

        @Option(names = "--device-id", paramLabel = "ID", description = "The device id it gets (default: the registration id).")
        String deviceId;

        @Option(names = "--parent", paramLabel = "ID",
                description = "The gateway that publishes for it; registered before the device registers.")
        String parent;

        @Override
        String collection() {
            return EnrollmentCommand.INDIVIDUAL;
        }

        @Override
        void identify(ObjectNode body) {
            body.put("registrationId", registrationId);
            if (deviceId != null) {
                body.put("deviceId", deviceId);
            }
            if (parent != null) {
                body.put("parentId", parent);
            }
        }
    }

    /** {@code thingbus enrollment create-group GROUP_ID ...}. */
    @Command(name = "create-group", mixinStandardHelpOptions = true,
            description = "Enroll a group: any device whose key derives from the group's key (see derive-key) may"
                    + " register; prints the group with its keys.")
    public static final class Group extends EnrollmentCreateCommand {

        @Parameters(index = "0", paramLabel = "GROUP_ID", description = "The group id.")
        String groupId;

        @Override
        String collection() {
            return EnrollmentCommand.GROUPS;
        }

        @Override
        void identify(ObjectNode body) {
            body.put("groupId", groupId);
        }
    }
}
