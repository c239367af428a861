package io.thingbus.server.cli.connectivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.client.ApiOptions;
import io.thingbus.server.cli.client.TextTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus connectivity events [--after SEQ] [--limit N] [--follow]}: the hub's kept log of connects
 * and disconnects, oldest first. Without {@code --after}, the newest {@code --limit} events (as
 * {@code tail}); with it, up to {@code --limit} events after that seq. {@code --follow} then polls every
 * second and prints new events as they come, until interrupted or the hub cannot be reached.
 * With {@code --json}: the API's page shape ({@code {"items": [...], "lastSeq": n}}), or with
 * {@code --follow} one event object per line.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print client connects and disconnects, oldest first: the newest N, or those after --after;"
                + " --follow keeps printing new ones.")
public final class ConnectivityEventsCommand implements Callable<Integer> {

    static final String EVENTS = "/api/v1/connectivity/events";
    /** How often {@code --follow} asks for new events. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /** The most events the API gives in one page. */
    private static final int PAGE = 1000;

    @ParentCommand
    ConnectivityCommand connectivity;

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    @Option(names = "--after", paramLabel = "SEQ", description = "Start after this seq (default: with the newest N events).")
    Long after;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Print at most N events before following (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--follow", description = "Then poll every second and print new events as they come.")
    boolean follow;

    private final TextTable table = new TextTable("SEQ", "TIME", "EVENT", "KIND", "NAME", "CLIENT ID", "TRANSPORT",
            "PROTOCOL", "REMOTE ADDRESS", "REASON");

    /** Events read in one go: the seq to read on from, and the hub's newest seq when it answered. */
    private record Events(ArrayNode items, long position, long lastSeq) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        }
        if (after != null && after < 0) {
            throw new ParameterException(spec.commandLine(), "--after must be 0 or more, was " + after);
        }
        ApiClient client = connectivity.client(api);
        long from = after != null ? after : Math.max(0, read(client, 0, 1).lastSeq() - limit);
        Events events = read(client, from, limit);
        if (!follow) {
            printPage(events);
            if (events.lastSeq() > events.position()) {
                spec.commandLine().getErr().println("(more events: --after " + events.position() + ")");
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
        try {
            while (true) {
                printEach(events);
                Thread.sleep(POLL_INTERVAL);
                events = read(client, events.position(), Long.MAX_VALUE);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Up to {@code max} events after {@code from}, as many pages as that takes. */
    private static Events read(ApiClient client, long from, long max) throws InterruptedException {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        long position = from;
        long lastSeq;
        boolean full;
        do {
            int page = (int) Math.min(PAGE, max - items.size());
            JsonNode answer = ApiClient.parse(client.get(EVENTS + "?after=" + position + "&limit=" + page));
            ArrayNode got = (ArrayNode) answer.path("items");
            items.addAll(got);
            lastSeq = answer.path("lastSeq").asLong();
            if (!got.isEmpty()) {
                position = got.get(got.size() - 1).path("seq").asLong();
            }
            full = got.size() == page;
        } while (full && items.size() < max);
        return new Events(items, position, lastSeq);
    }

    /** All events at once: a table, or with {@code --json} the API's page shape. */
    private void printPage(Events events) {
        PrintWriter out = spec.commandLine().getOut();
        if (api.json()) {
            ObjectNode page = JsonNodeFactory.instance.objectNode();
            page.set("items", events.items());
            page.put("lastSeq", events.lastSeq());
            out.println(page);
            out.flush();
        } else {
            addRows(events);
            table.print(out);
        }
    }

    /** Events as they come: more rows of the table (its header at once), or with {@code --json} one object per line. */
    private void printEach(Events events) {
        PrintWriter out = spec.commandLine().getOut();
        if (api.json()) {
            events.items().forEach(out::println);
            out.flush();
        } else {
            addRows(events);
            table.print(out);
        }
    }

    private void addRows(Events events) {
        for (JsonNode event : events.items()) {
            table.row(event.path("seq").asText(), event.path("time").asText(), event.path("type").asText(),
                    event.path("kind").asText(), event.path("name").asText(), event.path("clientId").asText(),
                    TextTable.cell(event.get("transport")), TextTable.cell(event.get("protocol")),
                    TextTable.cell(event.get("remoteAddress")), TextTable.cell(event.get("reason")));
        }
    }
}
