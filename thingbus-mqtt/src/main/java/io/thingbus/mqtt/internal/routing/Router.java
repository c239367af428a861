package io.thingbus.mqtt.internal.routing;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.RetainedMessageStore;
import io.thingbus.messaging.Subscription;
import io.thingbus.mqtt.internal.session.OutboundPublish;
import io.thingbus.mqtt.internal.session.Session;
import io.thingbus.mqtt.internal.session.SessionListener;
import java.time.Clock;

/**
 * Routes application messages: keeps the retained store current, finds the matching subscriptions
 * and hands each target session its copy. Also the place subscriptions are added and removed.
 */
public final class Router implements SessionListener {

    private final SubscriptionIndex index = new SubscriptionIndex();
    private final RetainedMessageStore retained;
    private final Clock clock;

    public Router(RetainedMessageStore retained, Clock clock) {
        this.retained = retained;
        this.clock = clock;
    }

    /** Routes a message published by {@code publisherClientId} (null for the hub). */
    public PublishOutcome publish(Message message, String publisherClientId) {
        if (message.retain()) {
            if (message.payload().length == 0) {
                retained.remove(message.topic());
            } else {
                retained.put(message);
            }
        }
        DeliveryPlan plan = new DeliveryPlan();
        index.collect(new RoutedMessage(message, publisherClientId), plan);
        int refused = plan.deliver(message);
        return new PublishOutcome(plan.size(), refused);
    }

    /**
     * Adds a subscription for the session and sends the retained messages its retain handling asks
     * for. Call after the SUBACK is written, so retained messages follow it.
     *
     * @return true when the subscription replaced an existing one
     */
    public boolean subscribe(Session session, Subscription subscription) {
        Subscription previous = session.putSubscription(subscription);
        index.add(session, subscription);
        return previous != null;
    }

    /** Sends the retained messages a new (or renewed) subscription is owed. */
    public void sendRetained(Session session, Subscription subscription, boolean existed) {
        if (subscription.filter().isShared()) {
            return;
        }
        RetainHandling handling = subscription.retainHandling();
        if (handling == RetainHandling.DO_NOT_SEND || (handling == RetainHandling.SEND_IF_NEW && existed)) {
            return;
        }
        long now = clock.millis();
        int[] ids = subscription.subscriptionId() == 0 ? new int[0] : new int[] {subscription.subscriptionId()};
        retained.forEachMatching(subscription.filter().filter(), message -> {
            if (message.isExpired(now)) {
                retained.remove(message.topic());
                return;
            }
            if (!session.mayReceive(message.topic())) {
                return;
            }
            Qos qos = message.qos().min(subscription.maxQos());
            session.deliver(new OutboundPublish(message, qos, true, ids));
        });
    }

    /** Removes the session's subscription to the raw filter; true when it existed. */
    public boolean unsubscribe(Session session, String rawFilter) {
        Subscription removed = session.removeSubscription(rawFilter);
        if (removed == null) {
            return false;
        }
        index.remove(session, removed.filter());
        return true;
    }

    @Override
    public void sessionRestored(Session session) {
        for (Subscription subscription : session.subscriptions()) {
            index.add(session, subscription);
        }
    }

    @Override
    public void sessionEnded(Session session) {
        for (Subscription subscription : session.subscriptions()) {
            index.remove(session, subscription.filter());
        }
    }

    @Override
    public void publishWill(Message will) {
        publish(will, null);
    }
}
