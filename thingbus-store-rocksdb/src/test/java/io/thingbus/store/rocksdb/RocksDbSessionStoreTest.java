package io.thingbus.store.rocksdb;

import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.SessionStoreContract;
import io.thingbus.storage.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksDbSessionStoreTest extends SessionStoreContract {

    @TempDir
    Path directory;

    @Override
    protected Stores newStores() {
        return RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
    }

    @Override
    protected Stores reopen(Stores current) {
        current.close();
        return RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
