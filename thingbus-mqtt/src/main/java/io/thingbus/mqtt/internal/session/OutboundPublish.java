package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.storage.QueuedMessage;

/**
 * One message on its way to one session: the shared message plus what this subscriber's
 * subscriptions decided about it.
 *
 * @param message         the routed message, shared by every subscriber
 * @param qos             the QoS it is delivered with (the lower of published and granted)
 * @param retain          the RETAIN flag to set on the outgoing PUBLISH
 * @param subscriptionIds MQTT 5 subscription identifiers of the matching subscriptions; empty for none
 * @param stored          where the message body is stored, shared by every subscriber of one publish
 */
public record OutboundPublish(Message message, Qos qos, boolean retain, int[] subscriptionIds, StoredMessageRef stored) {

    private static final int[] NONE = new int[0];

    /** A delivery whose message is not shared with other subscribers' deliveries. */
    public OutboundPublish(Message message, Qos qos, boolean retain, int[] subscriptionIds) {
        this(message, qos, retain, subscriptionIds, new StoredMessageRef());
    }

    /** A delivery that carries no subscription identifier. */
    public static OutboundPublish of(Message message, Qos qos, boolean retain) {
        return new OutboundPublish(message, qos, retain, NONE);
    }

    /** The queue entry that stands for this delivery, once its body has the stored id {@code messageId}. */
    QueuedMessage toQueued(long messageId) {
        return new QueuedMessage(messageId, qos, retain, subscriptionIds);
    }
}
