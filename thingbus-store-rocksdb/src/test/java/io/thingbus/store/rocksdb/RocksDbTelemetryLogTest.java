package io.thingbus.store.rocksdb;

import io.thingbus.events.TelemetryStores;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.telemetry.TelemetryLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksDbTelemetryLogTest extends TelemetryLogContract {

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
