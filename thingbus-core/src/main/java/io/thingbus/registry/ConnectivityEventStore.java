package io.thingbus.registry;

import java.util.List;

/**
 * The kept log of connectivity events. Appends need not be durable at once (no client waits for
 * them); they become durable with the store's next group commit. Safe for concurrent use.
 */
public interface ConnectivityEventStore {

    /** Appends the event with the next sequence number (the last one plus one, never reused). */
    LoggedConnectivityEvent append(ConnectivityEvent event);

    /** Up to {@code limit} events with a sequence number above {@code afterSeq}, oldest first. */
    List<LoggedConnectivityEvent> read(long afterSeq, int limit);

    /** The sequence number of the last event appended, 0 when none ever was. */
    long lastSeq();

    /**
     * Removes every event with a sequence number up to and including {@code seq}, which must be below
     * {@link #lastSeq()}: the newest event is always kept, so numbers continue after a restart.
     *
     * @throws IllegalArgumentException when {@code seq} is not below {@link #lastSeq()}
     */
    void removeThrough(long seq);
}
