package io.thingbus.messaging;

import java.util.Objects;

/**
 * One subscription of one session, with its MQTT 5 options (MQTT 3.1.1 subscriptions use the defaults).
 *
 * @param filter            the topic filter, possibly shared ({@code $share/group/filter})
 * @param maxQos            the granted QoS: messages are delivered at most at this level
 * @param noLocal           do not deliver the session's own publishes
 * @param retainAsPublished keep the RETAIN flag of routed messages instead of clearing it
 * @param retainHandling    whether retained messages are sent at subscribe
 * @param subscriptionId    the MQTT 5 subscription identifier, 0 for none
 */
public record Subscription(
        TopicFilter filter,
        Qos maxQos,
        boolean noLocal,
        boolean retainAsPublished,
        RetainHandling retainHandling,
        int subscriptionId) {

    public Subscription {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(maxQos, "maxQos");
        Objects.requireNonNull(retainHandling, "retainHandling");
    }

    /** A subscription with MQTT 3.1.1 semantics: no options beyond the QoS. */
    public static Subscription basic(TopicFilter filter, Qos maxQos) {
        return new Subscription(filter, maxQos, false, false, RetainHandling.SEND_ALWAYS, 0);
    }
}
