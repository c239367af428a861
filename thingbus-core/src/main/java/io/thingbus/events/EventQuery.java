package io.thingbus.events;

import io.thingbus.registry.Device;
import java.time.Instant;
import java.util.Objects;

/**
 * One page of a device's events: those enqueued in {@code [from, to)}, in {@code order}, at most
 * {@code limit}, after {@code cursor} when continuing a previous page.
 *
 * @param deviceId the device
 * @param from     the earliest enqueued time, inclusive
 * @param to       the latest enqueued time, exclusive
 * @param limit    1 to {@value #MAX_LIMIT} events
 * @param order    oldest or newest first
 * @param cursor   the previous page's cursor (of the same order), or null for the first page
 */
public record EventQuery(String deviceId, Instant from, Instant to, int limit, EventOrder order, EventCursor cursor) {

    public static final int MAX_LIMIT = 10_000;

    public EventQuery {
        Device.requireValidId(deviceId);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isBefore(Instant.EPOCH)) {
            from = Instant.EPOCH;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is 1 to " + MAX_LIMIT + ", was " + limit);
        }
        Objects.requireNonNull(order, "order");
        if (cursor != null && cursor.order() != order) {
            throw new IllegalArgumentException("a cursor continues the order it was made for (" + cursor.order()
                    + "), not " + order);
        }
    }

    /** {@link #from()} in epoch milliseconds. */
    public long fromMillis() {
        return from.toEpochMilli();
    }

    /** {@link #to()} in epoch milliseconds, saturated for instants beyond them. */
    public long toMillis() {
        return to.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE)) ? Long.MAX_VALUE : to.toEpochMilli();
    }
}
