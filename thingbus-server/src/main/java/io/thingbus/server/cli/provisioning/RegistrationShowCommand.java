package io.thingbus.server.cli.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.KeyValueBlock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code thingbus registration show REGISTRATION_ID}: the device and partition it was given, through which enrollment. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a registration: the device it made, its partition, the enrollment it came through and how"
                + " often it registered. Not found until the id has registered.")
public final class RegistrationShowCommand implements Callable<Integer> {

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
        String answer = registration.client(api).get(RegistrationCommand.path(registrationId));
        api.print(spec.commandLine().getOut(), answer, shown -> block(shown).print(spec.commandLine().getOut()));
        return 0;
    }

    private static KeyValueBlock block(JsonNode registration) {
        JsonNode enrollment = registration.path("enrollment");
        return new KeyValueBlock()
                .put("registrationId", registration.path("registrationId").asText())
                .put("deviceId", registration.path("deviceId").asText())
                .put("status", registration.path("status").asText())
                .put("substatus", registration.path("substatus").asText())
                .put("partition", registration.path("partition").asText())
                .put("enrollment", enrollment.path("kind").asText() + " " + enrollment.path("id").asText())
                .put("assignments", registration.path("assignments").asText())
                .put("created", registration.path("createdDateTimeUtc").asText())
                .put("updated", registration.path("lastUpdatedDateTimeUtc").asText());
    }
}
