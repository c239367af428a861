package io.thingbus.store.rocksdb;

import io.thingbus.registry.auth.MqttUser;
import io.thingbus.registry.auth.MqttUserStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MqttUserStore} in the {@code users} column family. Key: the user name in UTF-8. Value:
 * {@link MqttUserCodec}. Writes wait for the journal's barrier, so they are durable when they return.
 */
final class RocksDbMqttUserStore implements MqttUserStore {

    private final ColumnFamily users;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;

    RocksDbMqttUserStore(ColumnFamily users, GroupCommitJournal journal, ColumnReader reader) {
        this.users = users;
        this.journal = journal;
        this.reader = reader;
    }

    @Override
    public Optional<MqttUser> find(String name) {
        byte[] value = reader.get(users, key(name));
        return value == null ? Optional.empty() : Optional.of(MqttUserCodec.decode(name, value));
    }

    @Override
    public void put(MqttUser user) {
        journal.put(users, key(user.name()), MqttUserCodec.encode(user));
        journal.barrier().join();
    }

    @Override
    public synchronized boolean remove(String name) {
        if (reader.get(users, key(name)) == null) {
            return false;
        }
        journal.delete(users, key(name));
        journal.barrier().join();
        return true;
    }

    @Override
    public List<MqttUser> list() {
        List<MqttUser> all = new ArrayList<>();
        reader.scan(users, null, null, false, (key, value) ->
                all.add(MqttUserCodec.decode(new String(key, StandardCharsets.UTF_8), value)));
        return all;
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
