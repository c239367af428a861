package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.RetainedMessageStore;
import io.thingbus.messaging.RetainedMessageStoreContract;
import io.thingbus.storage.FsyncPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbRetainedMessageStoreTest extends RetainedMessageStoreContract {

    @TempDir
    Path directory;

    private RocksDbStores stores;

    @Override
    protected RetainedMessageStore newStore() {
        stores = RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
        return stores.retained();
    }

    @Override
    protected RetainedMessageStore reopen(RetainedMessageStore current) {
        stores.journal().barrier().join();
        stores.close();
        return newStore();
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }

    @Override
    protected void closeStore(RetainedMessageStore current) {
        stores.close();
    }

    @Test
    void everyChangeGoesThroughTheJournal() {
        store.put(retained("a/b"));
        store.put(retained("a/c"));
        store.remove("a/b");
        store.remove("never/retained");
        stores.journal().barrier().join();

        assertThat(stores.groupCommitJournal().writeCount()).isEqualTo(3);
        assertThat(stores.readFromDatabase(RocksDbStores.RETAINED, "a/b".getBytes())).isNull();
        assertThat(stores.readFromDatabase(RocksDbStores.RETAINED, "a/c".getBytes())).isNotNull();
    }

    @Test
    void anInvalidTopicWritesNothing() {
        try {
            store.put(retained("a/+"));
        } catch (IllegalArgumentException expected) {
            // as the contract says
        }
        stores.journal().barrier().join();

        assertThat(stores.groupCommitJournal().writeCount()).isZero();
    }
}
