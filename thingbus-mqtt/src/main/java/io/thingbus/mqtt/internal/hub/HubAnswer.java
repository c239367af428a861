package io.thingbus.mqtt.internal.hub;

import io.thingbus.messaging.Message;

/**
 * What the broker does once a {@link HubTopic} has taken a message, on the publisher's event loop and
 * before the publisher is acknowledged.
 *
 * @param route a message to route to subscribers, as the publisher's (no-local applies), or null
 * @param reply a message for the publisher alone, delivered to its session if one of its subscriptions
 *              matches (never through the router), or null
 */
public record HubAnswer(Message route, Message reply) {

    /** Route {@code message} to subscribers. */
    public static HubAnswer route(Message message) {
        return new HubAnswer(message, null);
    }

    /** Answer the publisher with {@code message}. */
    public static HubAnswer reply(Message message) {
        return new HubAnswer(null, message);
    }
}
