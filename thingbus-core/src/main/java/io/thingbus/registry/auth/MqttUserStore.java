package io.thingbus.registry.auth;

import java.util.List;
import java.util.Optional;

/**
 * Where MQTT users live. Implementations are safe for concurrent use; a write is durable when the
 * method returns; {@link #find} is cheap enough for every CONNECT.
 */
public interface MqttUserStore {

    Optional<MqttUser> find(String name);

    /** Adds the user, or replaces the one with its name. */
    void put(MqttUser user);

    /** Removes the user with this name; false when there was none. */
    boolean remove(String name);

    /** Every user, in name order. */
    List<MqttUser> list();
}
