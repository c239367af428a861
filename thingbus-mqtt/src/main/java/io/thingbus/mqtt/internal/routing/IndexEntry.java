package io.thingbus.mqtt.internal.routing;

/** What the subscription index holds at a filter: one session's subscription, or a shared group. */
sealed interface IndexEntry permits ClientSubscription, SharedGroup {

    /** Adds the deliveries this entry owes a message to the plan. */
    void collect(RoutedMessage message, DeliveryPlan plan);
}
