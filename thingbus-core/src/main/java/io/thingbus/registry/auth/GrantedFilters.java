package io.thingbus.registry.auth;

import io.thingbus.messaging.TopicFilter;

/**
 * Rights given as topic filters (allow rules, a token's claims): a topic may be published when a
 * publish filter matches it; a filter may be subscribed to when one subscribe filter covers it
 * entirely, so {@code sensors/#} allows {@code sensors/+/temp} but {@code sensors/+} does not allow
 * {@code sensors/#}.
 */
final class GrantedFilters implements AccessPolicy {

    static final GrantedFilters NONE = new GrantedFilters(TopicPatterns.NONE, TopicPatterns.NONE);

    private final TopicPatterns publish;
    private final TopicPatterns subscribe;

    GrantedFilters(TopicPatterns publish, TopicPatterns subscribe) {
        this.publish = publish;
        this.subscribe = subscribe;
    }

    boolean isEmpty() {
        return publish.isEmpty() && subscribe.isEmpty();
    }

    @Override
    public boolean mayPublish(String topic) {
        return publish.anyMatches(topic);
    }

    @Override
    public boolean maySubscribe(TopicFilter filter) {
        return subscribe.anyCovers(filter.filter());
    }

    @Override
    public String toString() {
        return "publish " + publish + " subscribe " + subscribe;
    }
}
