package io.thingbus.mqtt.internal.hub;

import io.thingbus.messaging.Message;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import java.util.concurrent.CompletableFuture;

/**
 * A family of topics the hub serves itself (device telemetry, provisioning, later twins and methods):
 * a PUBLISH to one of them that the publisher's ACL allowed is handed here instead of to the router,
 * and the publisher is acknowledged when the returned future completes. See {@link HubTopics}.
 */
public interface HubTopic {

    /** Whether {@code topic} is one of this family's. Asked for every PUBLISH: cheap, allocates nothing. */
    boolean serves(String topic);

    /**
     * Takes one message on the publisher's event loop; must not block (slow work goes to another thread).
     * The future completes with what the broker does next (route a message, answer the publisher), after
     * which the publisher is acknowledged; or fails, with a {@link io.thingbus.errors.ThingbusException}
     * whose code the publisher is answered with.
     *
     * @param publisher the connection it came on, with its identity
     * @param message   the message as published, its payload copied out of the socket buffer
     */
    CompletableFuture<HubAnswer> publish(ClientConnection publisher, Message message);
}
