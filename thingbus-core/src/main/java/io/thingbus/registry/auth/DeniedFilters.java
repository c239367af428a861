package io.thingbus.registry.auth;

/**
 * Denials given as topic filters (deny rules, the device topics closed to tokens and anonymous
 * clients): a topic may not be published when a filter matches it; a filter may not be subscribed
 * to when a denied filter covers it whole (denying {@code secret/#} refuses {@code secret/#} and
 * {@code secret/x}); and a message is not delivered when a denied filter matches its topic, so a
 * wider subscription ({@code #}, {@code +/x}) is allowed but never carries a denied topic.
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
        return subscribe.anyCovers(filter);
    }

    boolean deniesReceive(String topic) {
        return subscribe.anyMatches(topic);
    }

    @Override
    public String toString() {
        return "publish " + publish + " subscribe " + subscribe;
    }
}
