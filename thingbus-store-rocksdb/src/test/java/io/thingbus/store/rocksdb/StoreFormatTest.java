package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.StoreSamples;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk format version: written at first open, checked at every open, never misread. */
class StoreFormatTest {

    @TempDir
    Path directory;

    private Path store;
    private long messageId;

    @BeforeEach
    void createAStoreWithData() {
        store = directory.resolve("store");
        try (RocksDbStores stores = RocksDbStores.open(store, FsyncPolicy.ALWAYS)) {
            messageId = stores.messages().put(StoreSamples.fullMessage("kept"));
            stores.journal().barrier().join();
        }
    }

    @Test
    void theFirstOpenCreatesEveryColumnFamilyAndRecordsTheFormat() throws Exception {
        try (RawDatabase raw = new RawDatabase(store)) {
            assertThat(raw.columnFamilies()).containsExactlyInAnyOrder(
                    "default", "messages", "queues", "inflight", "sessions", "retained", "devices", "connectivity",
                    "users", "telemetry", "events", "consumer-offsets", "enrollments", "meta");
            assertThat(raw.get("meta", StoreFormat.FORMAT_VERSION_KEY)).containsExactly(0, 0, 0, 1);
        }
    }

    @Test
    void aStoreMadeBeforeTheTelemetryColumnFamiliesGainsThemAndKeepsItsData() throws Exception {
        try (RawDatabase raw = new RawDatabase(store)) {
            for (String name : List.of(RocksDbStores.TELEMETRY, RocksDbStores.EVENTS, RocksDbStores.CONSUMER_OFFSETS)) {
                raw.dropColumnFamily(name);
            }
        }

        try (RocksDbStores stores = RocksDbStores.open(store, FsyncPolicy.ALWAYS)) {
            assertThat(stores.messages().get(messageId)).isNotNull();
            assertThat(stores.telemetryLog().partitions()).isEmpty();
            stores.telemetryLog().append(0, 1, "d", List.of(), null, new byte[0]).get(60, TimeUnit.SECONDS);
        }
        try (RawDatabase raw = new RawDatabase(store)) {
            assertThat(raw.columnFamilies()).contains("telemetry", "events", "consumer-offsets");
        }
    }

    @Test
    void refusesANewerFormatAndLeavesTheDataAlone() throws Exception {
        writeFormatVersion(StoreFormat.encodeInt(2));

        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining(store.toAbsolutePath().toString())
                .hasMessageContaining("has on-disk format version 2, newer than version 1 that this Thingbus reads");

        writeFormatVersion(StoreFormat.encodeInt(1));
        try (RocksDbStores stores = RocksDbStores.open(store, FsyncPolicy.ALWAYS)) {
            StoreSamples.assertSameContent(stores.messages().get(messageId), StoreSamples.fullMessage("kept"));
        }
    }

    @Test
    void refusesAnOlderOrUnknownFormat() throws Exception {
        writeFormatVersion(StoreFormat.encodeInt(0));
        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unknown on-disk format version 0; this Thingbus reads version 1 and knows no migration");

        writeFormatVersion(StoreFormat.encodeInt(-7));
        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("format version -7");
    }

    @Test
    void refusesAFormatVersionItCannotRead() throws Exception {
        writeFormatVersion(new byte[] {1});

        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unreadable format version (1 bytes instead of 4)");
    }

    @Test
    void refusesDataWithoutAFormatVersion() throws Exception {
        try (RawDatabase raw = new RawDatabase(store)) {
            raw.delete("meta", StoreFormat.FORMAT_VERSION_KEY);
        }

        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("holds data but no format version");
    }

    @Test
    void refusesAColumnFamilyItDoesNotKnow() throws Exception {
        try (RawDatabase raw = new RawDatabase(store)) {
            raw.createColumnFamily("telemetry-v9");
        }

        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("column families this Thingbus does not know: [telemetry-v9]");
    }

    @Test
    void aValueOfANewerCodecVersionIsRefusedNotMisread() throws Exception {
        try (RawDatabase raw = new RawDatabase(store)) {
            byte[] key = RocksDbMessageStore.key(messageId);
            byte[] value = raw.get("messages", key);
            value[0] = 2;
            raw.put("messages", key, value);
        }

        try (RocksDbStores stores = RocksDbStores.open(store, FsyncPolicy.ALWAYS)) {
            assertThatThrownBy(() -> stores.messages().get(messageId))
                    .isInstanceOf(StoreFormatException.class)
                    .hasMessageContaining("message value has codec version 2 but this build reads only version 1");
        }
    }

    @Test
    void aRetainedValueOfANewerCodecVersionStopsTheOpen() throws Exception {
        try (RocksDbStores stores = RocksDbStores.open(store, FsyncPolicy.ALWAYS)) {
            stores.retained().put(StoreSamples.fullMessage("r"));
        }
        try (RawDatabase raw = new RawDatabase(store)) {
            byte[] value = raw.get("retained", "r".getBytes());
            value[0] = 9;
            raw.put("retained", "r".getBytes(), value);
        }

        assertThatThrownBy(() -> RocksDbStores.open(store, FsyncPolicy.ALWAYS))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("message value has codec version 9");
        // The failed open released the database: a corrected one opens.
        try (RawDatabase raw = new RawDatabase(store)) {
            raw.delete("retained", "r".getBytes());
        }
        try (RocksDbStores stores = RocksDbStores.open(store, FsyncPolicy.ALWAYS)) {
            assertThat(stores.retained().size()).isZero();
        }
    }

    private void writeFormatVersion(byte[] value) throws Exception {
        try (RawDatabase raw = new RawDatabase(store)) {
            raw.put("meta", StoreFormat.FORMAT_VERSION_KEY, value);
        }
    }
}
