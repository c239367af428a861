package io.thingbus.storage;

import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.Will;
import java.util.List;
import java.util.Objects;

/**
 * What survives a restart of one persistent session (session expiry above 0).
 *
 * @param clientId              the client identifier
 * @param expiryIntervalSeconds session expiry interval in force
 * @param disconnectedAtMillis  when its client disconnected, or -1 while connected
 * @param subscriptions         its subscriptions
 * @param will                  the will to publish if the connection is lost (while connected) or
 *                              the delayed will still pending (after disconnect), or null
 */
public record StoredSession(
        String clientId,
        long expiryIntervalSeconds,
        long disconnectedAtMillis,
        List<Subscription> subscriptions,
        Will will) {

    public StoredSession {
        Objects.requireNonNull(clientId, "clientId");
        subscriptions = List.copyOf(subscriptions);
    }
}
