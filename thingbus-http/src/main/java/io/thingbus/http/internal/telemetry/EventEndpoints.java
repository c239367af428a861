package io.thingbus.http.internal.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.events.EventCursor;
import io.thingbus.events.EventJson;
import io.thingbus.events.EventOrder;
import io.thingbus.events.EventPage;
import io.thingbus.events.EventQuery;
import io.thingbus.events.EventStore;
import io.thingbus.http.internal.routing.QueryParameters;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.Device;
import io.thingbus.telemetry.TelemetryRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A device's events from the event store: {@code GET /api/v1/devices/{id}/events} (a page, JSON), and the
 * exports {@code GET /api/v1/devices/{id}/events.csv} and {@code .../events.ndjson} (a whole time range,
 * streamed in chunks without holding it in memory). Events outlive their device: a deleted device's events
 * are served until retention removes them, so an unknown id is an empty answer, not a 404.
 */
public final class EventEndpoints {

    static final int DEFAULT_LIMIT = 100;
    /** The events of one export chunk: one store query each. */
    static final int EXPORT_PAGE = 1_000;

    private static final Set<String> PAGE_PARAMETERS = Set.of("from", "to", "limit", "order", "cursor");
    private static final Set<String> EXPORT_PARAMETERS = Set.of("from", "to");
    private static final Instant NO_END = Instant.MAX;

    private final EventStore events;

    public EventEndpoints(EventStore events) {
        this.events = events;
    }

    /**
     * {@code GET /api/v1/devices/{id}/events?from=&to=&limit=&order=asc|desc&cursor=}: events enqueued in
     * {@code [from, to)} (ISO-8601; default: all), {@code {"items": [event...], "nextCursor": "..."}}, the
     * cursor present when there is a next page.
     */
    public Response page(Request request) {
        QueryParameters query = QueryParameters.of(request, PAGE_PARAMETERS);
        EventOrder order = order(query.text("order"));
        String cursor = query.text("cursor");
        EventPage page = events.query(query(request, query,
                (int) query.number("limit", 1, EventQuery.MAX_LIMIT, DEFAULT_LIMIT), order,
                cursor == null ? null : decode(cursor)));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode items = answer.putArray("items");
        for (TelemetryRecord event : page.events()) {
            items.add(EventJson.toJson(event));
        }
        if (page.next() != null) {
            answer.put("nextCursor", page.next().encode());
        }
        return Response.ok(answer);
    }

    /** {@code GET /api/v1/devices/{id}/events.csv?from=&to=}: oldest first, see {@link EventCsv}. */
    public Response csv(Request request) {
        return Response.streamed(EventCsv.CONTENT_TYPE, new EventExport(events, exportQuery(request), EventExport.Format.CSV));
    }

    /** {@code GET /api/v1/devices/{id}/events.ndjson?from=&to=}: one event JSON per line, oldest first. */
    public Response ndjson(Request request) {
        return Response.streamed(EventExport.NDJSON, new EventExport(events, exportQuery(request), EventExport.Format.NDJSON));
    }

    private static EventQuery exportQuery(Request request) {
        return query(request, QueryParameters.of(request, EXPORT_PARAMETERS), EXPORT_PAGE, EventOrder.ASC, null);
    }

    private static EventQuery query(Request request, QueryParameters query, int limit, EventOrder order,
                                    EventCursor cursor) {
        String deviceId = request.pathParameter("id");
        try {
            Device.requireValidId(deviceId);
            return new EventQuery(deviceId, query.instant("from", Instant.EPOCH), query.instant("to", NO_END), limit,
                    order, cursor);
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
    }

    private static EventOrder order(String text) {
        if (text == null) {
            return EventOrder.ASC;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "asc" -> EventOrder.ASC;
            case "desc" -> EventOrder.DESC;
            default -> throw new ThingbusException(ErrorCode.BAD_REQUEST, "'order' is asc or desc, was '" + text + "'");
        };
    }

    private static EventCursor decode(String cursor) {
        try {
            return EventCursor.decode(cursor);
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
    }
}
