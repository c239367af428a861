package io.thingbus.mqtt.internal.routing;

import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.messaging.TopicTrie;
import io.thingbus.mqtt.internal.session.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * Every subscription of every session, in a topic trie so that routing a message costs what its
 * matching subscriptions cost, not what all subscriptions cost. Shared subscriptions are one entry
 * per group at their filter.
 *
 * <p>Thread-safety: routing ({@link #collect}) is lock-free; changes serialize on this index.
 */
final class SubscriptionIndex {

    private final TopicTrie<Object, IndexEntry> trie = new TopicTrie<>();
    /** Shared groups by their parsed filter (group and filter), to find a group's members without a trie lookup. */
    private final Map<TopicFilter, SharedGroup> sharedGroups = new HashMap<>();

    /** Adds or replaces one session's subscription. */
    synchronized void add(Session session, Subscription subscription) {
        TopicFilter filter = subscription.filter();
        ClientSubscription entry = new ClientSubscription(session, subscription);
        if (!filter.isShared()) {
            trie.put(filter.filter(), session, entry);
            return;
        }
        SharedGroup group = sharedGroups.get(filter);
        if (group == null) {
            group = new SharedGroup(filter.shareGroup());
            sharedGroups.put(filter, group);
            trie.put(filter.filter(), new SharedKey(filter.shareGroup()), group);
        }
        group.put(entry);
    }

    /** Removes one session's subscription to {@code filter}; no-op when absent. */
    synchronized void remove(Session session, TopicFilter filter) {
        if (!filter.isShared()) {
            trie.remove(filter.filter(), session);
            return;
        }
        SharedGroup group = sharedGroups.get(filter);
        if (group != null && group.remove(session)) {
            sharedGroups.remove(filter);
            trie.remove(filter.filter(), new SharedKey(filter.shareGroup()));
        }
    }

    /** Adds to the plan every delivery a message to this topic owes. */
    void collect(RoutedMessage message, DeliveryPlan plan) {
        trie.forEachMatch(message.message().topic(), entry -> entry.collect(message, plan));
    }

    synchronized int size() {
        return trie.size();
    }

    /** The trie key of a shared group, distinct from every session key. */
    private record SharedKey(String group) {
    }
}
