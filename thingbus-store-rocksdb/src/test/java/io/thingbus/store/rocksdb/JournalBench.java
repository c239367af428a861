package io.thingbus.store.rocksdb;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.storage.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Writes per second through the journal, each write followed by a barrier that its publisher waits
 * for (as a QoS 1 PUBLISH waits for its PUBACK), per fsync policy and number of publishers; then the
 * time to open a store holding a million retained messages. Prints the median of three runs.
 * A benchmark, not a test: run it by hand, as the module README says.
 *
 * <p>Arguments: [directory on the disk to measure (default: a temporary directory)] [seconds per run (default 3)]
 */
public final class JournalBench {

    private static final int PAYLOAD_BYTES = 100;
    private static final int RUNS = 3;
    private static final int RETAINED = 1_000_000;

    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-bench");
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3;
        System.out.printf(Locale.ROOT, "journal bench in %s: %d-byte payloads, each write followed by a barrier its"
                + " publisher waits for; %d s per run, median of %d runs%n", base, PAYLOAD_BYTES, seconds, RUNS);
        System.out.printf(Locale.ROOT, "%-12s %10s %12s %10s %12s %10s%n",
                "policy", "publishers", "writes/s", "batches/s", "writes/batch", "syncs/s");
        for (String policy : List.of("always", "interval:10", "never")) {
            for (int publishers : new int[] {1, 16, 256}) {
                List<Result> runs = new ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    runs.add(measure(base.resolve(policy.replace(':', '-') + "-" + publishers + "-" + run),
                            FsyncPolicy.parse(policy), publishers, seconds));
                }
                runs.sort(Comparator.comparingDouble(Result::writesPerSecond));
                Result median = runs.get(RUNS / 2);
                System.out.printf(Locale.ROOT, "%-12s %10d %12.0f %10.0f %12.1f %10.0f%n", policy, publishers,
                        median.writesPerSecond(), median.batchesPerSecond(),
                        median.writesPerSecond() / Math.max(1, median.batchesPerSecond()), median.syncsPerSecond());
            }
        }
        retainedStartUp(base.resolve("retained"));
        deleteRecursively(base);
    }

    private record Result(double writesPerSecond, double batchesPerSecond, double syncsPerSecond) {
    }

    private static Result measure(Path directory, FsyncPolicy policy, int publishers, long seconds) throws Exception {
        byte[] payload = new byte[PAYLOAD_BYTES];
        Arrays.fill(payload, (byte) 'x');
        Message message = new Message("devices/bench/messages/events/", payload, Qos.AT_LEAST_ONCE, false,
                MessageProperties.NONE, "bench", 0, Message.NEVER_EXPIRES);
        LongAdder written = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        try (RocksDbStores stores = RocksDbStores.open(directory, policy);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            GroupCommitJournal journal = stores.groupCommitJournal();
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                done.add(threads.submit(() -> {
                    while (!stop.get()) {
                        stores.messages().put(message);
                        stores.journal().barrier().join();
                        written.increment();
                    }
                    return null;
                }));
            }
            long batchesBefore = journal.batchCount();
            long syncsBefore = journal.syncCount();
            long writesBefore = written.sum();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long writes = written.sum() - writesBefore;
            long batches = journal.batchCount() - batchesBefore;
            long syncs = journal.syncCount() - syncsBefore;
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            for (Future<?> future : done) {
                future.get();
            }
            return new Result(writes / elapsed, batches / elapsed, syncs / elapsed);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void retainedStartUp(Path directory) throws Exception {
        byte[] payload = new byte[PAYLOAD_BYTES];
        Arrays.fill(payload, (byte) 'r');
        long writeStart = System.nanoTime();
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.NEVER)) {
            for (int i = 0; i < RETAINED; i++) {
                stores.retained().put(new Message("sites/" + (i % 100) + "/devices/" + i + "/state", payload,
                        Qos.AT_LEAST_ONCE, true, MessageProperties.NONE, "device-" + i, i, Message.NEVER_EXPIRES));
                if (i % 10_000 == 9_999) {
                    stores.journal().barrier().join();
                }
            }
            stores.journal().barrier().join();
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        List<Double> openSeconds = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.NEVER)) {
                openSeconds.add((System.nanoTime() - start) / 1e9);
                if (stores.retained().size() != RETAINED) {
                    throw new IllegalStateException("loaded " + stores.retained().size() + " retained messages");
                }
            }
        }
        openSeconds.sort(null);
        System.out.printf(Locale.ROOT, "retained: %,d messages written in %.1f s; open with index load: median %.2f s%n",
                RETAINED, writeSeconds, openSeconds.get(RUNS / 2));
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
