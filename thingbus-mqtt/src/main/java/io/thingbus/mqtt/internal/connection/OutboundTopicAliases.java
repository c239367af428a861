package io.thingbus.mqtt.internal.connection;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases the hub uses towards the client, up to the client's Topic Alias Maximum. Aliases are
 * handed out first come, first served and never reassigned, so a topic once aliased is sent as two
 * bytes from then on. Guarded by the session's lock (all sends to one connection hold it).
 */
final class OutboundTopicAliases {

    private final int maximum;
    private Map<String, Integer> aliases;

    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
    }

    boolean enabled() {
        return maximum > 0;
    }

    /**
     * The alias for a topic: positive when the topic must be sent with it (first use), negative when
     * the alias alone suffices, 0 when no alias is left.
     */
    int aliasFor(String topic) {
        if (aliases == null) {
            aliases = new HashMap<>();
        }
        Integer known = aliases.get(topic);
        if (known != null) {
            return -known;
        }
        if (aliases.size() >= maximum) {
            return 0;
        }
        int alias = aliases.size() + 1;
        aliases.put(topic, alias);
        return alias;
    }
}
