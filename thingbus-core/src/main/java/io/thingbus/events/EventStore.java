package io.thingbus.events;

import io.thingbus.telemetry.TelemetryRecord;
import java.util.List;

/**
 * Each device's events, by enqueued time: the queryable history behind
 * {@code GET /api/v1/devices/{id}/events}. Filled by the {@link EventStoreWriter} from the telemetry
 * log, and kept for its own retention (independent of the log's).
 *
 * <p>Added events are visible to queries once a journal barrier issued after the add has completed
 * (a store may show them sooner). Adding an event again (same device and position) replaces it, so
 * re-indexing after a crash does no harm. Thread-safe.
 */
public interface EventStore {

    /** Indexes {@code records} under their devices. */
    void add(List<TelemetryRecord> records);

    /** One page of a device's events. */
    EventPage query(EventQuery query);

    /**
     * Removes events enqueued before {@code horizonMillis}. A store may work in coarser steps: it then
     * keeps events up to {@link #retentionGranularityMillis()} older than the horizon, never removes a
     * newer one, and its queries may still return those it kept.
     */
    void enforceRetention(long horizonMillis);

    /** How much older than a retention horizon an event may be and still be kept (0: exact). */
    long retentionGranularityMillis();
}
