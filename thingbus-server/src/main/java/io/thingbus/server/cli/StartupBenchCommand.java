package io.thingbus.server.cli;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.StorageConfig;
import io.thingbus.server.ThingbusServer;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.QueuedMessage;
import io.thingbus.storage.StoredSession;
import io.thingbus.storage.Stores;
import io.thingbus.store.rocksdb.RocksDbStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus bench startup}: fills a data directory with retained messages and one offline
 * persistent session holding queued messages, then times hub start-ups on it (store open, session
 * recovery, listeners bound; TLS off) and prints each and their median.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Time hub start-up on a store holding N retained and N queued messages.")
public final class StartupBenchCommand implements Callable<Integer> {

    private static final int PAYLOAD_BYTES = 100;
    private static final int WRITES_PER_BARRIER = 10_000;

    @Option(names = "--retained", description = "Retained messages to store (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
    long retained;

    @Option(names = "--queued", description = "Messages queued for one offline session (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
    long queued;

    @Option(names = "--runs", description = "Start-ups to time (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int runs;

    @Option(names = "--data-dir", description = "Directory to fill (default: a new temporary directory).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || retained < 0 || queued < 0) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1 and the counts not negative");
        }
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("thingbus-startup-bench");
        long fillStarted = System.nanoTime();
        fill(dir);
        System.err.printf("filled %s with %d retained + %d queued messages in %d ms%n",
                dir, retained, queued, (System.nanoTime() - fillStarted) / 1_000_000);
        long[] millis = new long[runs];
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            ThingbusServer server = ThingbusServer.start(ServerConfig.ephemeral(dir)
                    .withStorage(new StorageConfig(FsyncPolicy.ALWAYS, 0)), System.err);
            millis[run] = (System.nanoTime() - started) / 1_000_000;
            server.close();
            System.err.printf("start-up %d: %d ms%n", run + 1, millis[run]);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("startup retained=%d queued=%d median=%d ms runs=%s%n",
                retained, queued, sorted[sorted.length / 2], Arrays.toString(millis));
        return 0;
    }

    private void fill(Path dir) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        long now = System.currentTimeMillis();
        try (Stores stores = RocksDbStores.open(dir.resolve(ThingbusServer.STORE_DIRECTORY), FsyncPolicy.NEVER)) {
            for (long i = 0; i < retained; i++) {
                stores.retained().put(message("bench/retained/" + i, payload, true, now));
                if (i % WRITES_PER_BARRIER == 0) {
                    stores.journal().barrier().join();
                }
            }
            String clientId = "bench-offline";
            stores.sessions().put(new StoredSession(clientId, 0xFFFF_FFFFL, now,
                    List.of(Subscription.basic(TopicFilter.parse("bench/queued/#"), Qos.AT_LEAST_ONCE)), null));
            for (long seq = 0; seq < queued; seq++) {
                long id = stores.messages().put(message("bench/queued/" + seq, payload, false, now));
                stores.queues().append(clientId, seq, new QueuedMessage(id, Qos.AT_LEAST_ONCE, false, new int[0]));
                if (seq % WRITES_PER_BARRIER == 0) {
                    stores.journal().barrier().join();
                }
            }
            stores.journal().barrier().join();
        }
    }

    private static Message message(String topic, byte[] payload, boolean retain, long now) {
        return new Message(topic, payload, Qos.AT_LEAST_ONCE, retain, MessageProperties.NONE, "bench", now, Message.NEVER_EXPIRES);
    }
}
