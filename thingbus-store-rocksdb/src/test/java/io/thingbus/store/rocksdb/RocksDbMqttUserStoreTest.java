package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.registry.auth.MqttUser;
import io.thingbus.registry.auth.MqttUserStore;
import io.thingbus.registry.auth.MqttUserStoreContract;
import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.storage.FsyncPolicy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbMqttUserStoreTest extends MqttUserStoreContract {

    @TempDir
    Path directory;

    private final List<RocksDbStores> opened = new ArrayList<>();

    @Override
    protected MqttUserStore newStore() {
        return open().users();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(RocksDbStores::close);
    }

    @Test
    void aUserAndItsHashSurviveARestart() {
        RocksDbStores first = open();
        MqttUser alice = new MqttUser("alice",
                PasswordHash.create("a long password".toCharArray(), PasswordHash.MIN_ITERATIONS, new SecureRandom()),
                Instant.ofEpochMilli(1_700_000_000_000L));
        first.users().put(alice);
        first.close();

        MqttUser found = open().users().find("alice").orElseThrow();

        assertThat(found).isEqualTo(alice);
        assertThat(found.password().matches("a long password".toCharArray())).isTrue();
    }

    private RocksDbStores open() {
        RocksDbStores stores = RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
        opened.add(stores);
        return stores;
    }
}
