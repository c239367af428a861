package io.thingbus.events;

import io.thingbus.telemetry.TelemetryRecord;
import java.util.Comparator;

/**
 * Where an event sits in its device's history: by enqueued time, then partition, then offset. Two
 * events of one device never share a key (the position is unique), and the order is the same in
 * every store.
 */
public record EventKey(long enqueuedTime, int partition, long offset) implements Comparable<EventKey> {

    private static final Comparator<EventKey> ORDER = Comparator.comparingLong(EventKey::enqueuedTime)
            .thenComparingInt(EventKey::partition)
            .thenComparingLong(EventKey::offset);

    public static EventKey of(TelemetryRecord record) {
        return new EventKey(record.enqueuedTime(), record.partition(), record.offset());
    }

    @Override
    public int compareTo(EventKey other) {
        return ORDER.compare(this, other);
    }
}
