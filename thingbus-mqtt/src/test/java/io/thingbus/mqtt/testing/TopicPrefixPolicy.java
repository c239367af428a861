package io.thingbus.mqtt.testing;

import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.auth.AccessPolicy;

/**
 * An ACL for tests: publish to {@code prefix} itself or anything under it, subscribe to filters that
 * stay under it (of a shared subscription, its topic filter part).
 */
public record TopicPrefixPolicy(String prefix) implements AccessPolicy {

    @Override
    public boolean mayPublish(String topic) {
        return under(topic);
    }

    @Override
    public boolean maySubscribe(TopicFilter filter) {
        return under(filter.filter());
    }

    private boolean under(String topicOrFilter) {
        return topicOrFilter.startsWith(prefix)
                && (topicOrFilter.length() == prefix.length() || topicOrFilter.charAt(prefix.length()) == '/');
    }
}
