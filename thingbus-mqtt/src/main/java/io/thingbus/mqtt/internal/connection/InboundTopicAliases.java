package io.thingbus.mqtt.internal.connection;

/**
 * Topic aliases the client set towards the hub (MQTT 5 section 3.3.2.3.4). Event-loop only.
 */
public final class InboundTopicAliases {

    private final String[] topics;

    InboundTopicAliases(int maximum) {
        this.topics = maximum == 0 ? new String[0] : new String[maximum + 1];
    }

    /** True when the alias is within 1..maximum. */
    public boolean isValid(int alias) {
        return alias >= 1 && alias < topics.length;
    }

    public void set(int alias, String topic) {
        topics[alias] = topic;
    }

    /** The topic an alias stands for, or null when the client never set it. */
    public String resolve(int alias) {
        return topics[alias];
    }
}
