package io.thingbus.store.rocksdb;

import io.thingbus.registry.DeviceStoreContract;
import io.thingbus.registry.RegistryStores;
import io.thingbus.storage.FsyncPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksDbDeviceStoreTest extends DeviceStoreContract {

    @TempDir
    Path directory;

    @Override
    protected RegistryStores newStores() {
        return RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
    }

    @Override
    protected RegistryStores reopen(RegistryStores current) {
        close(current);
        return RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
    }

    @Override
    protected void close(RegistryStores current) {
        ((RocksDbStores) current).close();
    }
}
