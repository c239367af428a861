package io.thingbus.events;

/** The order of an event query: by enqueued time, then partition, then offset. */
public enum EventOrder {
    /** Oldest first. */
    ASC,
    /** Newest first. */
    DESC
}
