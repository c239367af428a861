package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;

/**
 * One message on its way to one session: the shared message plus what this subscriber's
 * subscriptions decided about it.
 *
 * @param message         the routed message, shared by every subscriber
 * @param qos             the QoS it is delivered with (the lower of published and granted)
 * @param retain          the RETAIN flag to set on the outgoing PUBLISH
 * @param subscriptionIds MQTT 5 subscription identifiers of the matching subscriptions; empty for none
 */
public record OutboundPublish(Message message, Qos qos, boolean retain, int[] subscriptionIds) {

    private static final int[] NONE = new int[0];

    /** A delivery that carries no subscription identifier. */
    public static OutboundPublish of(Message message, Qos qos, boolean retain) {
        return new OutboundPublish(message, qos, retain, NONE);
    }
}
