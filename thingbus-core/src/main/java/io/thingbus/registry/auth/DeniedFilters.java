package io.thingbus.registry.auth;

/**
 * Denials given as topic filters (deny rules, the device topics closed to tokens and anonymous
 * clients): a topic may not be published when a filter matches it, and a filter may not be
 * subscribed to when it could match any denied topic, so denying {@code secret/#} refuses
 * {@code secret/x}, {@code +/x} and {@code #}.
 */
final class DeniedFilters {

    static final DeniedFilters NONE = new DeniedFilters(TopicPatterns.NONE, TopicPatterns.NONE);

    private final TopicPatterns publish;
    private final TopicPatterns subscribe;

    DeniedFilters(TopicPatterns publish, TopicPatterns subscribe) {
        this.publish = publish;
        this.subscribe = subscribe;
    }

    boolean isEmpty() {
        return publish.isEmpty() && subscribe.isEmpty();
    }

    boolean deniesPublish(String topic) {
        return publish.anyMatches(topic);
    }

    boolean deniesSubscribe(String filter) {
        return subscribe.anyIntersects(filter);
    }

    @Override
    public String toString() {
        return "publish " + publish + " subscribe " + subscribe;
    }
}
