package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.StoreSamples;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the RocksDB stores do beyond the contracts: message-id marks, where close may be called. */
class RocksDbStoresTest {

    @TempDir
    Path directory;

    @Test
    void messagesComingAndGoingOneByOneRecordTheIdMarkOnce() throws Exception {
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.ALWAYS)) {
            for (int i = 0; i < 1_000; i++) {
                long id = stores.messages().put(StoreSamples.message("t", Integer.toString(i)));
                stores.messages().remove(id);
            }
            stores.journal().barrier().get(60, TimeUnit.SECONDS);

            assertThat(stores.groupCommitJournal().writeCount()).isEqualTo(2_000 + 1);
            byte[] mark = stores.readFromDatabase(RocksDbStores.META, StoreFormat.MESSAGE_HIGH_WATER_KEY);
            assertThat(ClientKeys.getLong(mark, 0)).isEqualTo(1 + RocksDbMessageStore.MARK_STEP);
        }
        try (RocksDbStores reopened = RocksDbStores.open(directory, FsyncPolicy.ALWAYS)) {
            assertThat(reopened.messages().put(StoreSamples.message("t", "next")))
                    .isEqualTo(1 + RocksDbMessageStore.MARK_STEP + 1);
        }
    }

    @Test
    void removingAnIdNeverGivenOutRecordsNoMark() throws Exception {
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.ALWAYS)) {
            stores.messages().remove(Long.MAX_VALUE);
            stores.messages().remove(5);
            stores.journal().barrier().get(60, TimeUnit.SECONDS);

            assertThat(stores.readFromDatabase(RocksDbStores.META, StoreFormat.MESSAGE_HIGH_WATER_KEY)).isNull();
            assertThat(stores.messages().put(StoreSamples.message("t", "first"))).isEqualTo(1);
        }
    }

    @Test
    void closingFromTheJournalThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.ALWAYS, gate)) {
            stores.messages().put(StoreSamples.message("t", "first"));
            CompletableFuture<Void> barrier = stores.journal().barrier();
            gate.awaitWriterHeld(); // the barrier completes on the journal's thread, after the gate
            CompletableFuture<Void> closedFromCallback = barrier.thenRun(stores::close);
            gate.open();

            assertThat(closedFromCallback).failsWithin(60, TimeUnit.SECONDS)
                    .withThrowableThat().havingRootCause().isInstanceOf(IllegalStateException.class)
                    .withMessageContaining("cannot be closed from its journal's thread");
            stores.messages().put(StoreSamples.message("t", "still open"));
            stores.journal().barrier().get(60, TimeUnit.SECONDS);
        }
    }
}
