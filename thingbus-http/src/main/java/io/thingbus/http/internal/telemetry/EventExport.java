package io.thingbus.http.internal.telemetry;

import io.thingbus.events.EventCursor;
import io.thingbus.events.EventJson;
import io.thingbus.events.EventPage;
import io.thingbus.events.EventQuery;
import io.thingbus.events.EventStore;
import io.thingbus.http.internal.routing.BodyStream;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.telemetry.TelemetryRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A device's events over a time range as one streamed body: a page of the event store per piece, in
 * enqueued-time order, so an export of any length holds one page in memory.
 */
final class EventExport implements BodyStream {

    static final String NDJSON = "application/x-ndjson";

    /** How each event is written. */
    enum Format {
        /** {@link EventCsv}, with a header line. */
        CSV,
        /** One event JSON (as the API returns it) per line. */
        NDJSON
    }

    private final EventStore events;
    private final EventQuery first;
    private final Format format;
    private EventCursor next;
    private boolean started;

    /** @param first the first page's query (its limit is the page size) */
    EventExport(EventStore events, EventQuery first, Format format) {
        this.events = events;
        this.first = first;
        this.format = format;
    }

    @Override
    public Chunk next() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!started && format == Format.CSV) {
            out.writeBytes(EventCsv.HEADER.getBytes(StandardCharsets.UTF_8));
        }
        EventQuery query = started
                ? new EventQuery(first.deviceId(), first.from(), first.to(), first.limit(), first.order(), next)
                : first;
        started = true;
        EventPage page = events.query(query);
        for (TelemetryRecord event : page.events()) {
            if (format == Format.CSV) {
                out.writeBytes(EventCsv.row(event).getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(Json.write(EventJson.toJson(event)));
                out.write('\n');
            }
        }
        next = page.next();
        return next == null ? Chunk.last(out.toByteArray()) : Chunk.of(out.toByteArray());
    }
}
