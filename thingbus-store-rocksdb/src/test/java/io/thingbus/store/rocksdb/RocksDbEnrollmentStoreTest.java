package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.registry.provisioning.EnrollmentStore;
import io.thingbus.registry.provisioning.EnrollmentStoreContract;
import io.thingbus.storage.FsyncPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class RocksDbEnrollmentStoreTest extends EnrollmentStoreContract {

    @TempDir
    Path directory;

    private RocksDbStores stores;

    @AfterEach
    void close() {
        if (stores != null) {
            stores.close();
        }
    }

    @Override
    protected EnrollmentStore newStore() {
        stores = RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS);
        return stores.enrollments();
    }

    @Override
    protected EnrollmentStore reopen(EnrollmentStore current) {
        stores.close();
        return newStore();
    }

    @Test
    void aWriteIsInTheDatabaseWhenItReturns() {
        EnrollmentStore store = newStore();

        store.putGroup(group("badges"));
        store.putRegistration(registration("badge-1"));

        assertThat(stores.nothingPending(RocksDbStores.ENROLLMENTS)).isTrue();
        assertThat(stores.readFromDatabase(RocksDbStores.ENROLLMENTS, RocksDbEnrollmentStore.key(
                RocksDbEnrollmentStore.GROUP, "badges"))).isEqualTo(EnrollmentCodec.encode(group("badges")));
        assertThat(stores.readFromDatabase(RocksDbStores.ENROLLMENTS, RocksDbEnrollmentStore.key(
                RocksDbEnrollmentStore.REGISTRATION, "badge-1"))).isEqualTo(EnrollmentCodec.encode(registration("badge-1")));
    }

    @Test
    void aStoreWrittenBeforeEnrollmentsExistedOpensAndGainsTheColumnFamily() throws Exception {
        Path old = directory.resolve("old");
        RocksDB.loadLibrary();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String name : List.of("messages", "queues", "inflight", "sessions", "retained", "meta")) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, old.toString(), descriptors, handles)) {
            db.put(handles.getLast(), StoreFormat.FORMAT_VERSION_KEY, StoreFormat.encodeInt(StoreFormat.CURRENT));
            handles.forEach(ColumnFamilyHandle::close);
        }

        stores = RocksDbStores.open(old, FsyncPolicy.ALWAYS);
        stores.enrollments().putIndividual(individual("reg-1"));
        stores.close();
        stores = RocksDbStores.open(old, FsyncPolicy.ALWAYS);

        assertThat(stores.enrollments().findIndividual("reg-1")).contains(individual("reg-1"));
    }
}
