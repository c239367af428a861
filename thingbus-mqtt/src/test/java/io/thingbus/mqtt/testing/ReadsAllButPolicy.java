package io.thingbus.mqtt.testing;

import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.auth.AccessPolicy;

/**
 * An ACL for tests: publish anywhere, subscribe to any filter that is not under {@code hidden}, and
 * never receive a topic under it (as a wide filter such as {@code #} would otherwise carry it).
 */
public record ReadsAllButPolicy(String hidden) implements AccessPolicy {

    @Override
    public boolean mayPublish(String topic) {
        return true;
    }

    @Override
    public boolean maySubscribe(TopicFilter filter) {
        return !under(filter.filter());
    }

    @Override
    public boolean mayReceive(String topic) {
        return !under(topic);
    }

    private boolean under(String topicOrFilter) {
        return topicOrFilter.startsWith(hidden)
                && (topicOrFilter.length() == hidden.length() || topicOrFilter.charAt(hidden.length()) == '/');
    }
}
