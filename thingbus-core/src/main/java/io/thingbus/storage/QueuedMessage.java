package io.thingbus.storage;

import io.thingbus.messaging.Qos;

/**
 * One message waiting for one session: a reference to the stored body plus what this session's
 * subscriptions decided about it.
 *
 * @param messageId       the body's id in the {@link MessageStore}
 * @param qos             the QoS it will be delivered with
 * @param retain          the RETAIN flag of the outgoing PUBLISH
 * @param subscriptionIds MQTT 5 subscription identifiers to send with it; never mutated
 */
public record QueuedMessage(long messageId, Qos qos, boolean retain, int[] subscriptionIds) {
}
