package io.thingbus.events;

import io.thingbus.telemetry.TelemetryRecord;
import java.util.List;

/**
 * One page of an event query.
 *
 * @param events the events, in the query's order
 * @param next   where the next page begins, or null when this page is the last
 */
public record EventPage(List<TelemetryRecord> events, EventCursor next) {

    public EventPage {
        events = List.copyOf(events);
    }

    /**
     * The page of a query that found {@code found} events in order, at most one more than its limit:
     * the extra one only says that there is a next page.
     */
    public static EventPage of(EventQuery query, List<TelemetryRecord> found) {
        if (found.size() <= query.limit()) {
            return new EventPage(found, null);
        }
        List<TelemetryRecord> page = found.subList(0, query.limit());
        return new EventPage(page, new EventCursor(query.order(), EventKey.of(page.get(page.size() - 1))));
    }
}
