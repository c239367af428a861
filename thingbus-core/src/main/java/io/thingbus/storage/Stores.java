package io.thingbus.storage;

import io.thingbus.messaging.RetainedMessageStore;

/**
 * Every store the broker persists to, opened together on one journal. The embedded default is
 * RocksDB (module thingbus-store-rocksdb); {@link InMemoryStores} serves tests and ephemeral hubs.
 */
public interface Stores extends AutoCloseable {

    Journal journal();

    MessageStore messages();

    SessionStore sessions();

    QueueStore queues();

    InflightStore inflight();

    RetainedMessageStore retained();

    /** Flushes what is pending and closes; the stores are unusable afterwards. */
    @Override
    void close();
}
