package io.thingbus.store.rocksdb;

import static io.thingbus.storage.StoreSamples.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.StoreSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rocksdb.RocksDBException;
import org.slf4j.LoggerFactory;

/** The journal: group commit, barriers after their writes, the overlay, fsync policies, failures, close. */
class GroupCommitJournalTest {

    private static final int THREADS = 8;
    private static final int WRITES = 10_000;

    @TempDir
    Path directory;

    private Path store() {
        return directory.resolve("store");
    }

    @Test
    void tenThousandBarriersQueuedBehindOneWriteShareOneBatchAndOneSync() throws Exception {
        WriteGate gate = new WriteGate();
        List<CompletableFuture<Void>> barriers = new ArrayList<>();
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS, gate)) {
            stores.queues().append("first", 0, queued(0));
            barriers.add(stores.journal().barrier());
            gate.awaitWriterHeld(); // batch 1 is being written; everything below queues up behind it

            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<List<CompletableFuture<Void>>>> issued = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String client = "client-" + t;
                    issued.add(threads.submit(() -> {
                        List<CompletableFuture<Void>> mine = new ArrayList<>();
                        for (int i = 0; i < WRITES / THREADS; i++) {
                            stores.queues().append(client, i, queued(i));
                            mine.add(stores.journal().barrier());
                        }
                        return mine;
                    }));
                }
                for (Future<List<CompletableFuture<Void>>> future : issued) {
                    barriers.addAll(future.get(60, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(barriers.subList(1, barriers.size())).noneMatch(CompletableFuture::isDone);

            gate.open();
            CompletableFuture.allOf(barriers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            GroupCommitJournal journal = stores.groupCommitJournal();
            assertThat(barriers).hasSize(WRITES + 1);
            assertThat(journal.writeCount()).isEqualTo(WRITES + 1);
            assertThat(journal.batchCount()).isEqualTo(2);
            assertThat(journal.syncCount()).isEqualTo(2);
        }
        try (RocksDbStores reopened = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            List<Long> counts = new ArrayList<>();
            reopened.queues().forEachQueue((client, first, last, count) -> counts.add(count));
            assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(WRITES + 1);
        }
    }

    @Test
    void underConcurrentLoadBarriersCompleteOnlyOnceTheirWritesAreInTheDatabase() throws Exception {
        ConcurrentLinkedQueue<String> early = new ConcurrentLinkedQueue<>();
        long barrierCount;
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String client = "client-" + t;
                    done.add(threads.submit(() -> {
                        List<CompletableFuture<Void>> mine = new ArrayList<>();
                        for (int i = 0; i < WRITES / THREADS; i++) {
                            stores.queues().append(client, i, queued(i));
                            byte[] key = RocksDbQueueStore.key(client, i);
                            int seq = i;
                            mine.add(stores.journal().barrier().thenRun(() -> {
                                if (stores.readFromDatabase(RocksDbStores.QUEUES, key) == null) {
                                    early.add(client + "/" + seq);
                                }
                            }));
                            if (i % 10 == 9) { // a publisher with a window of ten unacknowledged messages
                                CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).join();
                                mine.clear();
                            }
                        }
                        CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new)).join();
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            barrierCount = WRITES;
            GroupCommitJournal journal = stores.groupCommitJournal();
            assertThat(journal.writeCount()).isEqualTo(WRITES);
            assertThat(journal.batchCount()).isLessThanOrEqualTo(barrierCount);
            assertThat(journal.syncCount()).isEqualTo(journal.batchCount());
        }
        assertThat(early).as("barriers completed before their write was in the database").isEmpty();
        try (RocksDbStores reopened = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            for (int t = 0; t < THREADS; t++) {
                List<Long> seqs = new ArrayList<>();
                reopened.queues().forEachEntry("client-" + t, (seq, message) -> seqs.add(seq));
                assertThat(seqs).hasSize(WRITES / THREADS).isSorted();
            }
        }
    }

    @Test
    void aBarrierWaitsForTheWritesIssuedBeforeIt() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS, gate)) {
            long id = stores.messages().put(StoreSamples.message("t", "pending"));
            CompletableFuture<Void> barrier = stores.journal().barrier();
            gate.awaitWriterHeld();

            assertThat(barrier).isNotDone();
            assertThat(stores.messages().get(id)).as("readable before it is durable").isNotNull();
            assertThat(stores.readFromDatabase(RocksDbStores.MESSAGES, RocksDbMessageStore.key(id))).isNull();

            gate.open();
            barrier.get(60, TimeUnit.SECONDS);
            assertThat(stores.readFromDatabase(RocksDbStores.MESSAGES, RocksDbMessageStore.key(id))).isNotNull();
            assertThat(stores.nothingPending(RocksDbStores.MESSAGES)).isTrue();
        }
    }

    @Test
    void aBarrierWithNothingPendingIsCompleteAtOnceAndOneBehindAHeldWriteIsNot() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS, gate)) {
            assertThat(stores.journal().barrier()).as("idle journal").isDone();

            stores.messages().put(StoreSamples.message("t", "pending"));
            gate.awaitWriterHeld();
            CompletableFuture<Void> behindTheWrite = stores.journal().barrier();
            assertThat(behindTheWrite).as("a write is still being written").isNotDone();

            gate.open();
            behindTheWrite.get(60, TimeUnit.SECONDS);
            assertThat(stores.journal().barrier()).as("idle again").isDone();
        }
    }

    @Test
    void writesMadeAtomicallyReachTheDatabaseTogetherAfterTheBlock() throws Exception {
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            long[] ids = new long[2];
            stores.journal().atomically(() -> {
                ids[0] = stores.messages().put(StoreSamples.message("t", "first"));
                // a barrier inside the block covers only what came before the block
                stores.journal().barrier().join();
                assertThat(stores.messages().get(ids[0])).as("readable at once").isNotNull();
                assertThat(stores.readFromDatabase(RocksDbStores.MESSAGES, RocksDbMessageStore.key(ids[0])))
                        .as("held back until the block ends").isNull();
                ids[1] = stores.messages().put(StoreSamples.message("t", "second"));
            });

            stores.journal().barrier().get(60, TimeUnit.SECONDS);

            assertThat(stores.readFromDatabase(RocksDbStores.MESSAGES, RocksDbMessageStore.key(ids[0]))).isNotNull();
            assertThat(stores.readFromDatabase(RocksDbStores.MESSAGES, RocksDbMessageStore.key(ids[1]))).isNotNull();
        }
    }

    @Test
    void aWriteSupersededWhileItsBatchIsWrittenStaysVisible() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS, gate)) {
            stores.queues().append("c", 1, queued(100));
            gate.awaitWriterHeld(); // batch 1 holds the first value
            stores.queues().append("c", 1, queued(200));

            gate.letOneBatchThrough();
            gate.awaitWriterHeld(); // batch 1 is written and its overlay entries dealt with; batch 2 held

            assertThat(stores.readFromDatabase(RocksDbStores.QUEUES, RocksDbQueueStore.key("c", 1)))
                    .as("the database has the first value").isNotNull();
            assertThat(stores.queues().get("c", 1).messageId()).as("reads see the second").isEqualTo(200);
            List<Long> ids = new ArrayList<>();
            stores.queues().forEachEntry("c", (seq, message) -> ids.add(message.messageId()));
            assertThat(ids).containsExactly(200L);

            gate.open();
            stores.journal().barrier().get(60, TimeUnit.SECONDS);
            assertThat(stores.queues().get("c", 1).messageId()).isEqualTo(200);
            assertThat(stores.nothingPending(RocksDbStores.QUEUES)).isTrue();
        }
    }

    @Test
    void aPendingRemoveAllHidesWhatIsAlreadyInTheDatabase() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS, gate)) {
            stores.queues().append("c", 1, queued(1));
            stores.queues().append("cc", 1, queued(1));
            gate.awaitWriterHeld();
            stores.queues().removeAll("c");
            stores.queues().append("c", 2, queued(2));

            gate.letOneBatchThrough();
            gate.awaitWriterHeld(); // c/1 is in the database; the range delete and c/2 are pending

            assertThat(stores.readFromDatabase(RocksDbStores.QUEUES, RocksDbQueueStore.key("c", 1))).isNotNull();
            assertThat(stores.queues().get("c", 1)).isNull();
            assertThat(stores.queues().get("c", 2)).isNotNull();
            assertThat(seqs(stores, "c")).containsExactly(2L);
            assertThat(seqs(stores, "cc")).containsExactly(1L);
            List<String> queues = new ArrayList<>();
            stores.queues().forEachQueue((client, first, last, count) -> queues.add(client + ":" + first + "-" + last + "x" + count));
            assertThat(queues).containsExactlyInAnyOrder("c:2-2x1", "cc:1-1x1");

            gate.open();
            stores.journal().barrier().get(60, TimeUnit.SECONDS);
            assertThat(seqs(stores, "c")).containsExactly(2L);
            assertThat(stores.readFromDatabase(RocksDbStores.QUEUES, RocksDbQueueStore.key("c", 1))).isNull();
            assertThat(stores.nothingPending(RocksDbStores.QUEUES)).isTrue();
        }
    }

    @Test
    void alwaysSyncsEveryBatch() {
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            for (int i = 0; i < 20; i++) {
                stores.messages().put(StoreSamples.message("t", Integer.toString(i)));
                stores.journal().barrier().join();
            }
            GroupCommitJournal journal = stores.groupCommitJournal();
            assertThat(journal.batchCount()).isBetween(1L, 20L);
            assertThat(journal.syncCount()).isEqualTo(journal.batchCount());
        }
    }

    @Test
    void intervalSyncsTheLogWithinTheInterval() {
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.parse("interval:50"))) {
            stores.messages().put(StoreSamples.message("t", "x"));
            stores.journal().barrier().join();

            GroupCommitJournal journal = stores.groupCommitJournal();
            assertThat(journal.batchCount()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.syncCount() >= 1);
        }
    }

    @Test
    void intervalSyncsWhatIsUnsyncedAtClose() {
        long syncs;
        GroupCommitJournal journal;
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.parse("interval:3600000"))) {
            stores.messages().put(StoreSamples.message("t", "x"));
            stores.journal().barrier().join();
            journal = stores.groupCommitJournal();
            syncs = journal.syncCount();
        }
        assertThat(journal.syncCount()).isEqualTo(syncs + 1);
    }

    @Test
    void neverLeavesSyncingToTheSystem() {
        long id;
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.NEVER)) {
            id = stores.messages().put(StoreSamples.message("t", "x"));
            stores.journal().barrier().join();
            assertThat(stores.groupCommitJournal().batchCount()).isEqualTo(1);
            assertThat(stores.groupCommitJournal().syncCount()).isZero();
        }
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.NEVER)) {
            assertThat(stores.messages().get(id)).isNotNull();
        }
    }

    @Test
    void aFailedWriteFailsItsBarriersAndEveryLaterOneAndIsLogged() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(GroupCommitJournal.class);
        logged.start();
        logger.addAppender(logged);
        logger.setAdditive(false); // the expected error goes to the list only, not the console
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS, real -> (options, batch) -> {
            if (failing.get()) {
                throw new RocksDBException("IO error: No space left on device");
            }
            real.write(options, batch);
        })) {
            stores.queues().append("c", 1, queued(1));
            stores.journal().barrier().get(60, TimeUnit.SECONDS);

            failing.set(true);
            stores.queues().append("c", 2, queued(2));
            CompletableFuture<Void> pending = stores.journal().barrier();

            assertThatThrownBy(() -> pending.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreException.class)
                    .cause().hasMessageContaining("writing a batch of 1 writes")
                    .hasRootCauseMessage("IO error: No space left on device");
            assertThatThrownBy(() -> stores.journal().barrier().get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreException.class);
            assertThatThrownBy(() -> stores.queues().append("c", 3, queued(3)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("refuses writes after a journal failure");
            assertThat(stores.queues().get("c", 2)).as("still readable, though not durable").isNotNull();
        } finally {
            logger.setAdditive(true);
            logger.detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage())
                    .contains("[store=" + store().toAbsolutePath() + " fsync=always]")
                    .contains("writing a batch of 1 writes");
            assertThat(event.getThrowableProxy().getMessage()).contains("No space left on device");
        });
        try (RocksDbStores reopened = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            assertThat(seqs(reopened, "c")).containsExactly(1L);
        }
    }

    @Test
    void closeWritesWhatIsPendingAndCompletesItsBarriers() throws Exception {
        CompletableFuture<Void> barrier;
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            for (int i = 0; i < 1_000; i++) {
                stores.queues().append("c", i, queued(i));
            }
            barrier = stores.journal().barrier();
        }
        assertThat(barrier).isCompleted();
        try (RocksDbStores reopened = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            assertThat(seqs(reopened, "c")).hasSize(1_000);
        }
    }

    @Test
    void closedStoresRefuseEverything() {
        RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS);
        stores.close();
        stores.close();

        assertThatThrownBy(() -> stores.queues().append("c", 1, queued(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stores.queues().get("c", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stores.messages().forEachId(id -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(stores.journal().barrier()).isCompletedExceptionally();
    }

    @Test
    void aSecondOpenOfAnOpenStoreFailsClearly() {
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.ALWAYS)) {
            assertThatThrownBy(() -> RocksDbStores.open(store(), FsyncPolicy.ALWAYS))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the store at " + store().toAbsolutePath());
            assertThat(stores.queues().get("c", 1)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"always", "interval:5", "never"})
    void everyPolicyKeepsWhatABarrierCovered(String policy) {
        List<Long> ids = new ArrayList<>();
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.parse(policy))) {
            for (int i = 0; i < 500; i++) {
                ids.add(stores.messages().put(StoreSamples.message("t", Integer.toString(i))));
                if (i % 50 == 0) {
                    stores.journal().barrier().join();
                }
            }
            stores.journal().barrier().join();
        }
        try (RocksDbStores stores = RocksDbStores.open(store(), FsyncPolicy.parse(policy))) {
            List<Long> stored = new ArrayList<>();
            stores.messages().forEachId(stored::add);
            assertThat(stored).containsExactlyElementsOf(ids);
        }
    }

    private static List<Long> seqs(RocksDbStores stores, String client) {
        List<Long> seqs = new ArrayList<>();
        stores.queues().forEachEntry(client, (seq, message) -> seqs.add(seq));
        return seqs;
    }
}
