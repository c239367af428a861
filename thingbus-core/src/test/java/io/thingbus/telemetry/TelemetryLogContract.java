package io.thingbus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.events.TelemetryStoresContract;
import io.thingbus.messaging.UserProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TelemetryLog} must do: gap-free offsets in durable order per partition under
 * concurrent appends, enqueued times that never go back, reads of durable records only in bounded
 * batches, retention by age and by size that keeps the newest record, and offsets that continue after
 * a re-open.
 */
public abstract class TelemetryLogContract extends TelemetryStoresContract {

    private TelemetryLog log() {
        return stores.telemetryLog();
    }

    private List<Long> offsets(TelemetryBatch batch) {
        return batch.records().stream().map(TelemetryRecord::offset).toList();
    }

    @Test
    void anEmptyPartitionReadsNothing() {
        assertThat(log().partitions()).isEmpty();
        assertThat(log().startOffset(3)).isZero();
        assertThat(log().endOffset(3)).isZero();
        TelemetryBatch batch = log().read(3, 0, 10, 1 << 20);
        assertThat(batch.records()).isEmpty();
        assertThat(batch.nextOffset()).isZero();
        assertThat(batch.truncated()).isFalse();
    }

    @Test
    void stampsOffsetsPerPartitionAndKeepsEveryField() {
        List<UserProperty> properties = List.of(new UserProperty("k", "v1"), new UserProperty("k", "v1"),
                new UserProperty("ключ", "значение"), new UserProperty("", ""));
        byte[] payload = {0, 1, (byte) 0x80, (byte) 0xFF};
        TelemetryRecord first = await(log().append(2, T0, "dev-1", properties, "application/octet-stream", payload));
        TelemetryRecord second = await(log().append(2, T0 + 5, "dev-2", List.of(), null, new byte[0]));
        TelemetryRecord other = await(log().append(7, T0 + 1, "dev-3", List.of(), null, new byte[0]));

        assertThat(first.position()).isEqualTo(new TelemetryPosition(2, 0));
        assertThat(second.position()).isEqualTo(new TelemetryPosition(2, 1));
        assertThat(other.position()).isEqualTo(new TelemetryPosition(7, 0));
        assertThat(log().partitions()).containsExactly(2, 7);
        assertThat(log().endOffset(2)).isEqualTo(2);

        List<TelemetryRecord> read = log().read(2, 0, 10, 1 << 20).records();
        assertThat(read).hasSize(2);
        TelemetryRecord stored = read.get(0);
        assertThat(stored.deviceId()).isEqualTo("dev-1");
        assertThat(stored.enqueuedTime()).isEqualTo(T0);
        assertThat(stored.properties()).containsExactlyElementsOf(properties);
        assertThat(stored.contentType()).isEqualTo("application/octet-stream");
        assertThat(stored.payload()).containsExactly(payload);
        assertThat(read.get(1).contentType()).isNull();
        assertThat(read.get(1).payload()).isEmpty();
        assertThat(read.get(1).properties()).isEmpty();
    }

    @Test
    void enqueuedTimeNeverGoesBackWithinAPartitionWhenTheClockDoes() {
        long[] proposed = {T0 + 1_000, T0 + 500, T0 + 2_000, T0 + 1_500, T0 + 2_000, T0 + 3_000};
        List<Long> stamped = new ArrayList<>();
        for (long time : proposed) {
            stamped.add(append(0, time, "d", "x").enqueuedTime());
        }
        TelemetryRecord otherPartition = append(1, T0 + 100, "d", "x");

        assertThat(stamped).containsExactly(T0 + 1_000, T0 + 1_000, T0 + 2_000, T0 + 2_000, T0 + 2_000, T0 + 3_000);
        assertThat(otherPartition.enqueuedTime()).as("partitions keep their own time").isEqualTo(T0 + 100);
        assertThat(log().read(0, 0, 100, 1 << 20).records()).extracting(TelemetryRecord::enqueuedTime)
                .containsExactlyElementsOf(stamped);
    }

    @Test
    void concurrentAppendsGetGapFreeOffsetsInDurableOrder() throws Exception {
        int threads = 8;
        int perThread = 500;
        Map<TelemetryPosition, String> byPosition = new ConcurrentHashMap<>();
        List<String> orderViolations = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean appending = new AtomicBoolean(true);
        try {
            // a reader following partition 0 must never see a gap: what is readable is a durable prefix
            Future<Long> follower = pool.submit(() -> {
                long next = 0;
                while (appending.get() || next < log().endOffset(0)) {
                    TelemetryBatch batch = log().read(0, next, 100, 1 << 20);
                    for (TelemetryRecord record : batch.records()) {
                        if (record.offset() != next) {
                            orderViolations.add("read " + record.position() + " where " + next + " was due");
                        }
                        next = record.offset() + 1;
                    }
                }
                return next;
            });
            List<Future<List<CompletableFuture<TelemetryRecord>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<TelemetryRecord>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String payload = thread + "/" + i;
                        int partition = i % 2;
                        // the clock goes back and forth between threads
                        long time = T0 + (i * 7L + thread * 13L) % 100;
                        futures.add(log().append(partition, time, "d" + thread, List.of(), null, utf8(payload))
                                .thenApply(record -> {
                                    // completed: this record and every lower offset are durable and readable
                                    if (log().endOffset(partition) <= record.offset()) {
                                        orderViolations.add(record.position() + " completed before the end reached it");
                                    }
                                    return record;
                                }));
                    }
                    return futures;
                }));
            }
            start.countDown();
            for (Future<List<CompletableFuture<TelemetryRecord>>> thread : submitted) {
                for (CompletableFuture<TelemetryRecord> future : thread.get()) {
                    TelemetryRecord record = await(future);
                    assertThat(byPosition.put(record.position(), text(record.payload()))).as("offset given twice").isNull();
                }
            }
            appending.set(false);
            assertThat(follower.get()).isEqualTo(threads * perThread / 2);
        } finally {
            pool.shutdownNow();
        }

        assertThat(orderViolations).isEmpty();
        int perPartition = threads * perThread / 2;
        for (int partition = 0; partition < 2; partition++) {
            assertThat(log().endOffset(partition)).isEqualTo(perPartition);
            List<TelemetryRecord> all = readAll(partition);
            assertThat(all).extracting(TelemetryRecord::offset)
                    .containsExactlyElementsOf(LongStream.range(0, perPartition).boxed().toList());
            long previous = 0;
            for (TelemetryRecord record : all) {
                assertThat(text(record.payload())).isEqualTo(byPosition.get(record.position()));
                assertThat(record.enqueuedTime()).isGreaterThanOrEqualTo(previous);
                previous = record.enqueuedTime();
            }
        }
    }

    @Test
    void readsAreBoundedByRecordsAndBytesButReturnAtLeastOne() {
        for (int i = 0; i < 10; i++) {
            append(0, T0 + i, "d", "payload-" + i);
        }
        long size = log().read(0, 0, 1, 1 << 20).records().get(0).size();

        assertThat(offsets(log().read(0, 0, 3, 1 << 20))).containsExactly(0L, 1L, 2L);
        assertThat(offsets(log().read(0, 4, 100, (int) (2 * size)))).containsExactly(4L, 5L);
        assertThat(offsets(log().read(0, 7, 100, 1))).as("one even when it exceeds maxBytes").containsExactly(7L);
        TelemetryBatch tail = log().read(0, 8, 100, 1 << 20);
        assertThat(offsets(tail)).containsExactly(8L, 9L);
        assertThat(tail.nextOffset()).isEqualTo(10);
        TelemetryBatch atEnd = log().read(0, 10, 100, 1 << 20);
        assertThat(atEnd.records()).isEmpty();
        assertThat(atEnd.nextOffset()).isEqualTo(10);
        assertThat(atEnd.truncated()).isFalse();
    }

    @Test
    void retentionByAgeRemovesTheHeadButKeepsTheNewestRecord() {
        for (int i = 0; i < 10; i++) {
            append(0, T0 + i * 1_000L, "d", "p" + i);
        }
        append(1, T0, "d", "only");

        long removed = log().enforceRetention(T0 + 4_500, Long.MAX_VALUE);

        assertThat(removed).isEqualTo(5);
        assertThat(log().startOffset(0)).isEqualTo(5);
        assertThat(offsets(log().read(0, 5, 100, 1 << 20))).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(log().startOffset(1)).as("the newest record of a partition stays").isZero();

        assertThat(log().enforceRetention(T0 + 100_000, Long.MAX_VALUE)).isEqualTo(4);
        assertThat(offsets(log().read(0, 0, 100, 1 << 20))).containsExactly(9L);
        assertThat(log().enforceRetention(T0 + 100_000, Long.MAX_VALUE)).isZero();
    }

    @Test
    void retentionBySizeKeepsTheNewestRecordsWithinTheBudget() {
        for (int i = 0; i < 20; i++) {
            append(0, T0, "d", "%03d".formatted(i) + "x".repeat(100));
        }
        long size = log().read(0, 0, 1, 1 << 20).records().get(0).size();

        long removed = log().enforceRetention(0, 5 * size + size / 2);

        assertThat(removed).isEqualTo(15);
        assertThat(offsets(log().read(0, 0, 100, 1 << 20))).containsExactly(15L, 16L, 17L, 18L, 19L);
        assertThat(log().enforceRetention(0, 5 * size)).as("exactly five fit").isZero();
        assertThat(log().enforceRetention(0, 1)).isEqualTo(4);
        assertThat(offsets(log().read(0, 0, 100, 1 << 20))).containsExactly(19L);
    }

    @Test
    void aReadBelowTheStartIsTruncatedAndBeginsAtTheStart() {
        for (int i = 0; i < 6; i++) {
            append(0, T0 + i, "d", "p" + i);
        }
        log().enforceRetention(T0 + 3, Long.MAX_VALUE);

        TelemetryBatch batch = log().read(0, 1, 100, 1 << 20);

        assertThat(batch.truncated()).isTrue();
        assertThat(batch.fromOffset()).isEqualTo(1);
        assertThat(offsets(batch)).containsExactly(3L, 4L, 5L);
        assertThat(log().read(0, 3, 100, 1 << 20).truncated()).isFalse();
    }

    @Test
    void appendsAfterRetentionContinueTheOffsets() {
        for (int i = 0; i < 4; i++) {
            append(0, T0, "d", "p" + i);
        }
        log().enforceRetention(T0 + 1, Long.MAX_VALUE);

        assertThat(append(0, T0 + 2, "d", "next").offset()).isEqualTo(4);
        assertThat(offsets(log().read(0, 0, 100, 1 << 20))).containsExactly(3L, 4L);
    }

    @Test
    void listenersHearOfDurableRecords() {
        List<TelemetryPosition> heard = Collections.synchronizedList(new ArrayList<>());
        log().addListener((partition, endOffset) -> heard.add(new TelemetryPosition(partition, endOffset)));

        append(4, T0, "d", "a");
        append(4, T0, "d", "b");

        assertThat(heard).contains(new TelemetryPosition(4, 2));
        assertThat(heard).allSatisfy(position -> assertThat(position.partition()).isEqualTo(4));
    }

    @Test
    void recordsOffsetsTimesAndRetentionSurviveAReopen() {
        for (int i = 0; i < 5; i++) {
            append(3, T0 + 10_000 - i, "d", "p" + i);
            append(200, T0 + i, "e", "q" + i);
        }
        log().enforceRetention(T0 + 2, Long.MAX_VALUE);

        barrierAndReopen();

        assertThat(log().partitions()).containsExactly(3, 200);
        assertThat(log().startOffset(3)).isZero();
        assertThat(log().startOffset(200)).isEqualTo(2);
        assertThat(log().endOffset(3)).isEqualTo(5);
        assertThat(log().read(200, 0, 100, 1 << 20).records()).extracting(record -> text(record.payload()))
                .containsExactly("q2", "q3", "q4");
        TelemetryRecord next = append(3, T0, "d", "p5");
        assertThat(next.offset()).isEqualTo(5);
        assertThat(next.enqueuedTime()).as("the latest time is recovered").isEqualTo(T0 + 10_000);
        assertThat(append(200, T0 + 3, "e", "q5").offset()).isEqualTo(5);

        long size = log().read(3, 0, 1, 1 << 20).records().get(0).size();
        assertThat(log().enforceRetention(0, 2 * size)).as("byte counts recovered: two of six records fit").isEqualTo(4 + 2);
    }

    private List<TelemetryRecord> readAll(int partition) {
        List<TelemetryRecord> all = new ArrayList<>();
        long from = 0;
        while (true) {
            TelemetryBatch batch = log().read(partition, from, 333, 1 << 20);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch.records());
            from = batch.nextOffset();
        }
    }
}
