package io.thingbus.store.rocksdb;

import io.thingbus.events.EventOrder;
import io.thingbus.events.EventQuery;
import io.thingbus.events.EventStoreWriter;
import io.thingbus.messaging.UserProperty;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.telemetry.TelemetryRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The telemetry storage figures of docs/benchmarks.md. A benchmark, not a test: run it by hand (see the
 * module README).
 *
 * <p><b>Fan-in.</b> 1,000 devices, each a virtual thread that appends a small JSON reading to its
 * partition (of 8) and waits until it is durable before the next, as a QoS 1 publisher waits for its
 * PUBACK; the event store writer indexes meanwhile. Reports appends/s, append latency (p50/p99, the
 * PUBACK delay storage adds) and events indexed/s, per fsync policy, median of three runs.
 *
 * <p><b>Query.</b> Loads {@code devices x days} of 10-minute readings into the event store (10 million
 * with the defaults: 2,000 devices, 35 days), re-opens it, then times 1,000 queries of one random
 * device's random day (144 events), after 200 unmeasured ones; p50/p99 of three passes, median.
 *
 * <p>Arguments: [directory (default: a temporary one)] [seconds per fan-in run (default 10)]
 * [devices for the query (default 2000)] [days for the query (default 35)]
 * [fsync policies for the fan-in, comma-separated (default always,interval:10)]
 */
public final class TelemetryBench {

    private static final int RUNS = 3;
    private static final int DEVICES = 1_000;
    private static final int PARTITIONS = 8;
    private static final long DAY = 86_400_000L;
    private static final long TEN_MINUTES = 600_000L;
    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private TelemetryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("telemetry-bench");
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int queryDevices = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int queryDays = args.length > 3 ? Integer.parseInt(args[3]) : 35;
        List<String> policies = args.length > 4 ? List.of(args[4].split(",")) : List.of("always", "interval:10");
        System.out.printf(Locale.ROOT, "telemetry bench in %s; %d devices, %d partitions, %d-byte payloads, %d s per run,"
                + " median of %d runs%n", base, DEVICES, PARTITIONS, payload(0, 0).length, seconds, RUNS);
        System.out.printf(Locale.ROOT, "%-12s %12s %10s %10s %12s %12s%n",
                "policy", "appends/s", "p50 ms", "p99 ms", "indexed/s", "batches/s");
        for (String policy : policies) {
            List<FanIn> runs = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                runs.add(fanIn(base.resolve("fanin-" + policy.replace(':', '-') + "-" + run), FsyncPolicy.parse(policy), seconds));
            }
            runs.sort(Comparator.comparingDouble(FanIn::appendsPerSecond));
            FanIn median = runs.get(RUNS / 2);
            System.out.printf(Locale.ROOT, "%-12s %12.0f %10.2f %10.2f %12.0f %12.0f   (appends/s of the runs: %s)%n",
                    policy, median.appendsPerSecond(), median.p50Millis(), median.p99Millis(), median.indexedPerSecond(),
                    median.batchesPerSecond(), runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.appendsPerSecond())).toList());
        }
        query(base.resolve("query"), queryDevices, queryDays);
        deleteRecursively(base);
    }

    private record FanIn(double appendsPerSecond, double p50Millis, double p99Millis, double indexedPerSecond,
                         double batchesPerSecond) {
    }

    private static byte[] payload(int device, long i) {
        return String.format(Locale.ROOT, "{\"temperature\":%d.%d,\"humidity\":%d,\"seq\":%d}", 15 + device % 10, i % 10,
                40 + i % 20, i).getBytes(StandardCharsets.UTF_8);
    }

    private static FanIn fanIn(Path directory, FsyncPolicy policy, long seconds) throws Exception {
        List<UserProperty> properties = List.of(new UserProperty("type", "reading"));
        LongAdder appended = new LongAdder();
        Recorder latency = new Recorder(3);
        AtomicBoolean stop = new AtomicBoolean();
        try (RocksDbStores stores = RocksDbStores.open(directory, policy);
             EventStoreWriter writer = new EventStoreWriter(stores)) {
            writer.start();
            GroupCommitJournal journal = stores.groupCommitJournal();
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService devices = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int d = 0; d < DEVICES; d++) {
                    int device = d;
                    String deviceId = "device-" + device;
                    int partition = Math.floorMod(deviceId.hashCode(), PARTITIONS);
                    byte[] payload = payload(device, device); // made once: the generator's cost is not the store's
                    done.add(devices.submit(() -> {
                        while (!stop.get()) {
                            long start = System.nanoTime();
                            stores.telemetryLog().append(partition, System.currentTimeMillis(), deviceId, properties,
                                    "application/json", payload).join();
                            latency.recordValue((System.nanoTime() - start) / 1_000);
                            appended.increment();
                        }
                        return null;
                    }));
                }
                TimeUnit.SECONDS.sleep(2); // warm-up
                latency.reset();
                long appendsBefore = appended.sum();
                long indexedBefore = writer.indexedCount();
                long batchesBefore = journal.batchCount();
                long start = System.nanoTime();
                TimeUnit.SECONDS.sleep(seconds);
                double elapsed = (System.nanoTime() - start) / 1e9;
                long appends = appended.sum() - appendsBefore;
                long indexed = writer.indexedCount() - indexedBefore;
                long batches = journal.batchCount() - batchesBefore;
                Histogram histogram = latency.getIntervalHistogram();
                stop.set(true);
                for (Future<?> future : done) {
                    future.get();
                }
                return new FanIn(appends / elapsed, histogram.getValueAtPercentile(50) / 1e3,
                        histogram.getValueAtPercentile(99) / 1e3, indexed / elapsed, batches / elapsed);
            }
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void query(Path directory, int devices, int days) throws Exception {
        long loadStart = System.nanoTime();
        long events = 0;
        List<UserProperty> properties = List.of(new UserProperty("type", "reading"));
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.NEVER)) {
            List<TelemetryRecord> batch = new ArrayList<>(devices);
            long[] offsets = new long[PARTITIONS];
            for (long time = START; time < START + days * DAY; time += TEN_MINUTES) {
                for (int device = 0; device < devices; device++) {
                    String deviceId = "device-" + device;
                    int partition = Math.floorMod(deviceId.hashCode(), PARTITIONS);
                    batch.add(new TelemetryRecord(partition, offsets[partition]++, time, deviceId, properties,
                            "application/json", payload(device, time / TEN_MINUTES)));
                }
                stores.events().add(batch);
                events += batch.size();
                batch.clear();
                if (time / TEN_MINUTES % 10 == 0) {
                    stores.journal().barrier().join();
                }
            }
            stores.journal().barrier().join();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(Locale.ROOT, "query: %,d events (%d devices x %d days of 10-minute readings) loaded in %.0f s;"
                + " store on disk %,d MB%n", events, devices, days, loadSeconds, directorySize(directory) >> 20);
        List<double[]> passes = new ArrayList<>();
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.NEVER)) {
            SplittableRandom random = new SplittableRandom(42);
            for (int pass = 0; pass < RUNS; pass++) {
                Histogram histogram = new Histogram(3);
                for (int q = 0; q < 1_200; q++) {
                    String deviceId = "device-" + random.nextInt(devices);
                    long from = START + random.nextInt(days) * DAY;
                    long start = System.nanoTime();
                    int found = stores.events().query(new EventQuery(deviceId, Instant.ofEpochMilli(from),
                            Instant.ofEpochMilli(from + DAY), 1_000, EventOrder.ASC, null)).events().size();
                    long micros = (System.nanoTime() - start) / 1_000;
                    if (found != 144) {
                        throw new IllegalStateException("a day of " + deviceId + " had " + found + " events");
                    }
                    if (q >= 200) {
                        histogram.recordValue(micros);
                    }
                }
                passes.add(new double[] {histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                        histogram.getMaxValue() / 1e3});
            }
        }
        passes.sort(Comparator.comparingDouble(pass -> pass[1]));
        double[] median = passes.get(RUNS / 2);
        System.out.printf(Locale.ROOT, "query of one device's day (144 events), 1,000 queries: p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms (median pass by p99; p99 of the passes: %s)%n", median[0], median[1], median[2],
                passes.stream().map(pass -> String.format(Locale.ROOT, "%.2f", pass[1])).toList());
    }

    private static long directorySize(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
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
