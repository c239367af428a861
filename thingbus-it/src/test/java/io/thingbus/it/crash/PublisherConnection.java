package io.thingbus.it.crash;

import java.util.concurrent.CompletableFuture;

/**
 * One connection of a {@link NumberedPublisher} to one hub incarnation, made fresh (clean start, no
 * session) for every incarnation so that no client library resends an unacknowledged message of an
 * earlier connection behind the test's back.
 */
interface PublisherConnection extends AutoCloseable {

    /**
     * Publishes {@code number} (payload: its decimal digits). The future completes normally once the
     * hub acknowledged the message, and exceptionally when it refused it or the connection was lost
     * first; see each implementation for what "acknowledged" means in its client library.
     */
    CompletableFuture<?> publish(int number);

    boolean isConnected();

    /** Disconnects (gracefully if still connected) and releases the client; never throws. */
    @Override
    void close();
}
