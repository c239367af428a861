package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TagArguments;
import io.thingbus.server.cli.client.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus device list [--status S] [--tag NAME=VALUE]... [--parent ID] [--limit N]}: a table in id
 * order, reading as many pages of the API as {@code --limit} needs. With {@code --json}, the API's page
 * shape: {@code {"items": [...], "nextCursor": ...}}, every page's items together.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List devices in id order, optionally filtered.")
public final class DeviceListCommand implements Callable<Integer> {

    /** The most devices the API gives in one page. */
    private static final int PAGE = 1000;

    @ParentCommand
    DeviceCommand device;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only enabled or only disabled devices.")
    String status;

    @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "Only devices with this tag; repeat for more (all must match).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--parent", paramLabel = "ID", description = "Only the children of this gateway.")
    String parent;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Print at most N devices (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        }
        ApiClient client = device.client(api);
        String filters = filters();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        String cursor = null;
        String answer;
        int pages = 0;
        do {
            int page = Math.min(PAGE, limit - items.size());
            answer = client.get(DeviceCommand.DEVICES + "?limit=" + page + filters
                    + (cursor == null ? "" : "&cursor=" + ApiClient.segment(cursor)));
            JsonNode body = ApiClient.parse(answer);
            items.addAll((ArrayNode) body.path("items"));
            cursor = body.has("nextCursor") ? body.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && items.size() < limit);
        if (!api.json()) {
            table(items, cursor);
        } else if (pages == 1) {
            spec.commandLine().getOut().println(answer);
        } else {
            spec.commandLine().getOut().println(allPages(items, cursor));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String filters() {
        StringBuilder query = new StringBuilder();
        if (status != null) {
            query.append("&status=").append(ApiClient.segment(status));
        }
        if (parent != null) {
            query.append("&parentId=").append(ApiClient.segment(parent));
        }
        for (Map.Entry<String, String> tag : TagArguments.parse(tags, spec).entrySet()) {
            query.append("&tag=").append(ApiClient.segment(tag.getKey() + ":" + tag.getValue()));
        }
        return query.toString();
    }

    /** Several pages in the shape of one. */
    private static String allPages(ArrayNode items, String cursor) {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        all.set("items", items);
        if (cursor != null) {
            all.put("nextCursor", cursor);
        }
        return all.toString();
    }

    private void table(ArrayNode items, String cursor) {
        TextTable table = new TextTable("DEVICE ID", "STATUS", "PARENT", "PARTITION", "TAGS");
        for (JsonNode item : items) {
            table.row(item.path("deviceId").asText(), item.path("status").asText(), TextTable.cell(item.get("parentId")),
                    item.path("partition").asText(), TagArguments.format(item.path("tags")));
        }
        table.print(spec.commandLine().getOut());
        if (cursor != null) {
            spec.commandLine().getErr().println("(more devices than --limit " + limit + ")");
            spec.commandLine().getErr().flush();
        }
    }
}
