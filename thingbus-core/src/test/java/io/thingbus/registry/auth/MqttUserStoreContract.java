package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link MqttUserStore} must do; a store's test extends this. */
public abstract class MqttUserStoreContract {

    private static final Instant CREATED = Instant.parse("2026-06-01T12:00:00Z");

    /** A new, empty store. */
    protected abstract MqttUserStore newStore();

    @Test
    void storesFindsReplacesAndRemovesUsers() {
        MqttUserStore store = newStore();
        MqttUser alice = user("alice", "first password");
        store.put(alice);

        assertThat(store.find("alice")).contains(alice);
        assertThat(store.find("bob")).isEmpty();

        MqttUser renewed = user("alice", "second password");
        store.put(renewed);
        assertThat(store.find("alice")).contains(renewed);
        assertThat(store.find("alice").orElseThrow().password().matches("second password".toCharArray())).isTrue();

        assertThat(store.remove("alice")).isTrue();
        assertThat(store.remove("alice")).isFalse();
        assertThat(store.find("alice")).isEmpty();
    }

    @Test
    void listsUsersInNameOrder() {
        MqttUserStore store = newStore();
        store.put(user("carol", "password c"));
        store.put(user("alice", "password a"));
        store.put(user("bob", "password b"));

        assertThat(store.list()).extracting(MqttUser::name).containsExactly("alice", "bob", "carol");
    }

    private static MqttUser user(String name, String password) {
        return new MqttUser(name, PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS, new SecureRandom()),
                CREATED);
    }
}
