package io.thingbus.events;

import io.thingbus.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link EventStore} on the heap; exact retention, events visible at once. Thread-safe. */
public final class InMemoryEventStore implements EventStore {

    private final ConcurrentHashMap<String, ConcurrentSkipListMap<EventKey, TelemetryRecord>> devices = new ConcurrentHashMap<>();

    @Override
    public void add(List<TelemetryRecord> records) {
        for (TelemetryRecord record : records) {
            devices.computeIfAbsent(record.deviceId(), id -> new ConcurrentSkipListMap<>()).put(EventKey.of(record), record);
        }
    }

    @Override
    public EventPage query(EventQuery query) {
        ConcurrentSkipListMap<EventKey, TelemetryRecord> events = devices.get(query.deviceId());
        if (events == null || query.fromMillis() >= query.toMillis()) {
            return new EventPage(List.of(), null);
        }
        NavigableMap<EventKey, TelemetryRecord> range = events.subMap(
                new EventKey(query.fromMillis(), 0, 0), true, new EventKey(query.toMillis(), 0, 0), false);
        if (query.cursor() != null) {
            range = query.order() == EventOrder.ASC
                    ? range.tailMap(query.cursor().last(), false)
                    : range.headMap(query.cursor().last(), false);
        }
        if (query.order() == EventOrder.DESC) {
            range = range.descendingMap();
        }
        List<TelemetryRecord> found = new ArrayList<>();
        for (TelemetryRecord record : range.values()) {
            found.add(record);
            if (found.size() > query.limit()) {
                break;
            }
        }
        return EventPage.of(query, found);
    }

    @Override
    public void enforceRetention(long horizonMillis) {
        devices.values().forEach(events -> events.headMap(new EventKey(horizonMillis, 0, 0)).clear());
    }

    @Override
    public long retentionGranularityMillis() {
        return 0;
    }
}
