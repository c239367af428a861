package io.thingbus.mqtt.internal.routing;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.mqtt.internal.codec.DeliveryBatch;
import io.thingbus.mqtt.internal.session.OutboundPublish;
import io.thingbus.mqtt.internal.session.Session;
import io.thingbus.mqtt.internal.session.StoredMessageRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who receives one routed message, built while walking the index. A session matched by several of
 * its non-shared subscriptions receives the message once, at the highest granted QoS, with every
 * matching subscription identifier (MQTT 5 section 3.3.4); each shared subscription that matches
 * delivers its own copy.
 */
final class DeliveryPlan {

    private final List<Target> targets = new ArrayList<>();
    private Map<Session, Target> nonSharedBySession;

    void addNonShared(Session session, Subscription subscription, Message message) {
        Target existing = findNonShared(session);
        if (existing != null) {
            existing.merge(subscription, message);
            return;
        }
        Target target = new Target(session, subscription, message);
        targets.add(target);
        if (nonSharedBySession != null) {
            nonSharedBySession.put(session, target);
        }
    }

    void addShared(Session session, Subscription subscription, Message message) {
        Target target = new Target(session, subscription, message);
        target.shared = true;
        targets.add(target);
    }

    /**
     * Hands the message to every target session, all sharing one stored copy; returns how many
     * sessions refused it because their queue was full.
     */
    int deliver(Message message) {
        StoredMessageRef stored = StoredMessageRef.forFanOut();
        DeliveryBatch batch = new DeliveryBatch();
        int refused = 0;
        for (Target target : targets) {
            if (!target.session.deliver(target.toPublish(message, stored), batch)) {
                refused++;
            }
        }
        batch.submit();
        stored.releaseFanOutReference();
        return refused;
    }

    int size() {
        return targets.size();
    }

    private Target findNonShared(Session session) {
        if (targets.isEmpty()) {
            return null;
        }
        if (nonSharedBySession == null) {
            if (targets.size() < 8) {
                for (Target target : targets) {
                    if (target.session == session && !target.shared) {
                        return target;
                    }
                }
                return null;
            }
            nonSharedBySession = new IdentityHashMap<>();
            for (Target target : targets) {
                if (!target.shared) {
                    nonSharedBySession.put(target.session, target);
                }
            }
        }
        return nonSharedBySession.get(session);
    }

    private static final class Target {
        private static final int[] NO_IDS = new int[0];

        final Session session;
        Qos qos;
        boolean retain;
        boolean shared;
        int[] subscriptionIds;

        Target(Session session, Subscription subscription, Message message) {
            this.session = session;
            this.qos = message.qos().min(subscription.maxQos());
            this.retain = subscription.retainAsPublished() && message.retain();
            this.subscriptionIds = subscription.subscriptionId() == 0
                    ? NO_IDS : new int[] {subscription.subscriptionId()};
        }

        void merge(Subscription subscription, Message message) {
            Qos candidate = message.qos().min(subscription.maxQos());
            if (candidate.value() > qos.value()) {
                qos = candidate;
            }
            retain |= subscription.retainAsPublished() && message.retain();
            if (subscription.subscriptionId() != 0) {
                int[] grown = Arrays.copyOf(subscriptionIds, subscriptionIds.length + 1);
                grown[subscriptionIds.length] = subscription.subscriptionId();
                subscriptionIds = grown;
            }
        }

        OutboundPublish toPublish(Message message, StoredMessageRef stored) {
            return new OutboundPublish(message, qos, retain, subscriptionIds, stored);
        }
    }
}
