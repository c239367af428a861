package io.thingbus.registry.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** MQTT users on the heap only: for tests and hubs without a data directory. */
public final class InMemoryMqttUserStore implements MqttUserStore {

    private final ConcurrentSkipListMap<String, MqttUser> users = new ConcurrentSkipListMap<>();

    @Override
    public Optional<MqttUser> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    @Override
    public void put(MqttUser user) {
        users.put(user.name(), user);
    }

    @Override
    public boolean remove(String name) {
        return users.remove(name) != null;
    }

    @Override
    public List<MqttUser> list() {
        return List.copyOf(users.values());
    }
}
