package io.thingbus.server.cli.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TextTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus enrollment list [--kind individual|group]}: every individual enrollment in registration
 * id order (every page of the API), then every group in id order, as one table. With {@code --json},
 * {@code {"items": [...]}}: the API's enrollments in the same order.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the individual enrollments, then the groups; keys are not printed.")
public final class EnrollmentListCommand implements Callable<Integer> {

    private static final String INDIVIDUAL = "individual";
    private static final String GROUP = "group";
    /** The most individual enrollments the API gives in one page. */
    private static final int PAGE = 1000;

    @ParentCommand
    EnrollmentCommand enrollment;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only individual enrollments or only groups.")
    String kind;

    @Override
    public Integer call() throws InterruptedException {
        if (kind != null && !kind.equals(INDIVIDUAL) && !kind.equals(GROUP)) {
            throw new ParameterException(spec.commandLine(), "--kind is individual or group, was '" + kind + "'");
        }
        ApiClient client = enrollment.client(api);
        ArrayNode individuals = kind == null || kind.equals(INDIVIDUAL) ? individuals(client)
                : JsonNodeFactory.instance.arrayNode();
        ArrayNode groups = kind == null || kind.equals(GROUP)
                ? (ArrayNode) ApiClient.parse(client.get(EnrollmentCommand.GROUPS)).path("items")
                : JsonNodeFactory.instance.arrayNode();
        if (api.json()) {
            ObjectNode all = JsonNodeFactory.instance.objectNode();
            all.putArray("items").addAll(individuals).addAll(groups);
            spec.commandLine().getOut().println(all);
            spec.commandLine().getOut().flush();
        } else {
            TextTable table = EnrollmentText.table();
            individuals.forEach(item -> EnrollmentText.row(table, INDIVIDUAL, item));
            groups.forEach(item -> EnrollmentText.row(table, GROUP, item));
            table.print(spec.commandLine().getOut());
        }
        return 0;
    }

    /** Every page of individual enrollments. */
    private static ArrayNode individuals(ApiClient client) throws InterruptedException {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        String after = null;
        do {
            JsonNode page = ApiClient.parse(client.get(EnrollmentCommand.INDIVIDUAL + "?limit=" + PAGE
                    + (after == null ? "" : "&after=" + ApiClient.segment(after))));
            items.addAll((ArrayNode) page.path("items"));
            after = page.has("next") ? page.get("next").asText() : null;
        } while (after != null);
        return items;
    }
}
