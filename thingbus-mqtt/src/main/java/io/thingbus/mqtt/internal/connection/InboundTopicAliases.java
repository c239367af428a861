package io.thingbus.mqtt.internal.connection;

/**
 * Topic aliases the client set towards the hub (MQTT 5 section 3.3.2.3.4). The table is allocated
 * on first use, so connections that never use aliases pay nothing. Event-loop only.
 */
public final class InboundTopicAliases {

    private final int maximum;
    private String[] topics;

    InboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /** True when the alias is within 1..maximum. */
    public boolean isValid(int alias) {
        return alias >= 1 && alias <= maximum;
    }

    public void set(int alias, String topic) {
        if (topics == null) {
            topics = new String[maximum + 1];
        }
        topics[alias] = topic;
    }

    /** The topic an alias stands for, or null when the client never set it. */
    public String resolve(int alias) {
        return topics == null ? null : topics[alias];
    }
}
