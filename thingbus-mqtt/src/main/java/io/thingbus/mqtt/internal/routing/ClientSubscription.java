package io.thingbus.mqtt.internal.routing;

import io.thingbus.messaging.Subscription;
import io.thingbus.mqtt.internal.session.Session;

/** One session's subscription as the index holds it. */
record ClientSubscription(Session session, Subscription subscription) implements IndexEntry {

    @Override
    public void collect(RoutedMessage routed, DeliveryPlan plan) {
        if (subscription.noLocal() && session.clientId().equals(routed.publisherClientId())
                || !session.mayReceive(routed.message().topic())) {
            return;
        }
        plan.addNonShared(session, subscription, routed.message());
    }
}
