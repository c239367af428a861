package io.thingbus.store.rocksdb;

import io.thingbus.events.EventStoreContract;
import io.thingbus.events.TelemetryStores;
import io.thingbus.storage.FsyncPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksDbEventStoreTest extends EventStoreContract {

    @TempDir
    Path directory;

    @Override
    protected TelemetryStores newStores() {
        return RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
    }

    @Override
    protected TelemetryStores reopen(TelemetryStores current) {
        current.close();
        return RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
    }

    @Override
    protected boolean survivesReopen() {
        return true;
    }
}
