package io.thingbus.store.rocksdb;

import static io.thingbus.storage.StoreSamples.assertSameContent;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Qos;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.InMemoryStores;
import io.thingbus.storage.InflightMessage;
import io.thingbus.storage.QueuedMessage;
import io.thingbus.storage.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads stay right while the journal writer moves writes from the overlay into the database at its
 * own pace: random operations run against the RocksDB stores and the in-memory ones side by side,
 * and every read is compared, with the writer free to write a batch between any two of them.
 */
class OverlayConsistencyTest {

    private static final List<String> CLIENTS = List.of("a", "ab", "a\u0000", "b", "");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void randomOperationsReadTheSameAsInMemory(long seed) {
        Random random = new Random(seed);
        InMemoryStores model = new InMemoryStores();
        // Yield in the writer at random, so batches cut the operations at varying places.
        Random writerRandom = new Random(seed * 31);
        try (RocksDbStores stores = RocksDbStores.open(directory.resolve("store"), FsyncPolicy.NEVER, real -> (options, batch) -> {
            if (writerRandom.nextInt(4) == 0) {
                Thread.yield();
            }
            real.write(options, batch);
        })) {
            for (int step = 0; step < 4_000; step++) {
                String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
                long seq = random.nextInt(12);
                int packetId = 1 + random.nextInt(6);
                switch (random.nextInt(12)) {
                    case 0, 1, 2 -> {
                        QueuedMessage message = new QueuedMessage(step, Qos.of(step % 3), step % 2 == 0, new int[] {step});
                        stores.queues().append(client, seq, message);
                        model.queues().append(client, seq, message);
                    }
                    case 3 -> {
                        stores.queues().remove(client, seq);
                        model.queues().remove(client, seq);
                    }
                    case 4 -> {
                        stores.queues().removeAll(client);
                        model.queues().removeAll(client);
                    }
                    case 5, 6 -> {
                        InflightMessage message = new InflightMessage(packetId,
                                new QueuedMessage(step, Qos.AT_LEAST_ONCE, false, new int[0]), step % 2 == 0);
                        stores.inflight().putOutbound(client, message);
                        model.inflight().putOutbound(client, message);
                    }
                    case 7 -> {
                        stores.inflight().putInbound(client, packetId);
                        model.inflight().putInbound(client, packetId);
                    }
                    case 8 -> {
                        stores.inflight().removeOutbound(client, packetId);
                        model.inflight().removeOutbound(client, packetId);
                        stores.inflight().removeInbound(client, packetId + 1);
                        model.inflight().removeInbound(client, packetId + 1);
                    }
                    case 9 -> {
                        stores.inflight().removeAll(client);
                        model.inflight().removeAll(client);
                    }
                    case 10 -> assertSameContent(stores.queues().get(client, seq), model.queues().get(client, seq));
                    default -> {
                        if (random.nextInt(20) == 0) {
                            stores.journal().barrier().join();
                        }
                    }
                }
                assertSameContent(entries(stores, client), entries(model, client));
                assertSameContent(outbound(stores, client), outbound(model, client));
                assertThat(inbound(stores, client)).isEqualTo(inbound(model, client));
                if (step % 50 == 0) {
                    assertThat(bounds(stores)).as("bounds at step %d", step).isEqualTo(bounds(model));
                }
            }
            stores.journal().barrier().join();
            assertThat(stores.nothingPending(RocksDbStores.QUEUES)).isTrue();
            assertThat(stores.nothingPending(RocksDbStores.INFLIGHT)).isTrue();
            assertThat(bounds(stores)).isEqualTo(bounds(model));
        }
        try (RocksDbStores reopened = RocksDbStores.open(directory.resolve("store"), FsyncPolicy.NEVER)) {
            assertThat(bounds(reopened)).isEqualTo(bounds(model));
            for (String client : CLIENTS) {
                assertSameContent(entries(reopened, client), entries(model, client));
                assertSameContent(outbound(reopened, client), outbound(model, client));
                assertThat(inbound(reopened, client)).isEqualTo(inbound(model, client));
            }
        }
    }

    @Test
    void eachThreadReadsItsOwnWritesWhileTheWriterFlushes() throws Exception {
        try (RocksDbStores stores = RocksDbStores.open(directory.resolve("store"), FsyncPolicy.ALWAYS)) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String client = "client-" + t;
                    done.add(threads.submit(() -> {
                        for (int round = 0; round < 300; round++) {
                            for (long seq = 0; seq < 5; seq++) {
                                stores.queues().append(client, seq, new QueuedMessage(round, Qos.AT_LEAST_ONCE, false, new int[0]));
                                assertThat(stores.queues().get(client, seq).messageId()).isEqualTo(round);
                            }
                            stores.queues().remove(client, 0);
                            assertThat(stores.queues().get(client, 0)).isNull();
                            List<Long> seqs = new ArrayList<>();
                            stores.queues().forEachEntry(client, (seq, message) -> seqs.add(seq));
                            assertThat(seqs).containsExactly(1L, 2L, 3L, 4L);
                            stores.queues().removeAll(client);
                            assertThat(stores.queues().get(client, 3)).isNull();
                            seqs.clear();
                            stores.queues().forEachEntry(client, (seq, message) -> seqs.add(seq));
                            assertThat(seqs).isEmpty();
                            if (round % 10 == 0) {
                                stores.journal().barrier().join();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(120, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static Map<Long, QueuedMessage> entries(Stores stores, String client) {
        Map<Long, QueuedMessage> entries = new LinkedHashMap<>();
        stores.queues().forEachEntry(client, entries::put);
        return entries;
    }

    private static List<InflightMessage> outbound(Stores stores, String client) {
        List<InflightMessage> messages = new ArrayList<>();
        stores.inflight().forEachOutbound(client, messages::add);
        return messages;
    }

    private static List<Integer> inbound(Stores stores, String client) {
        List<Integer> packetIds = new ArrayList<>();
        stores.inflight().forEachInbound(client, packetIds::add);
        return packetIds;
    }

    private static Map<String, String> bounds(Stores stores) {
        Map<String, String> bounds = new TreeMap<>();
        stores.queues().forEachQueue((client, first, last, count) -> bounds.put(client, first + ".." + last + " x" + count));
        return bounds;
    }
}
