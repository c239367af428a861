package io.thingbus.telemetry;

import io.thingbus.messaging.UserProperty;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The partitioned telemetry log: every device-to-cloud message, stamped and kept in order per
 * partition, for its consumers (the event store writer, routes, the consumer-group API) to read at
 * their own pace.
 *
 * <p><b>Stamping.</b> {@link #append} gives each record the next offset of its partition (0, 1, 2,
 * ... without gaps) and an enqueued time that never decreases along the partition's offsets. Offset
 * order is durable order: a record is durable only when every lower offset of its partition is.
 *
 * <p><b>Reading.</b> {@link #read} returns durable records only, so a consumer never sees a record
 * that a crash could take back. Readers never block appends: a slow reader just reads older offsets,
 * and retention may overtake it ({@link TelemetryBatch#truncated()}).
 *
 * <p><b>Partitions</b> are numbered 0 to {@value TelemetryPosition#MAX_PARTITION}; the log holds the
 * ones appended to. How many a hub uses is configuration (the registry records each device's).
 *
 * <p>Thread-safe: appends to one partition may come from any number of threads.
 */
public interface TelemetryLog {

    /**
     * Stamps a record and appends it to {@code partition}; the future completes with the stamped
     * record once it is durable, and fails when the store cannot write it.
     *
     * @param proposedTime the hub's clock now, in epoch milliseconds; the record's enqueued time is
     *                     this, or the partition's latest enqueued time when the clock has gone back
     */
    CompletableFuture<TelemetryRecord> append(int partition, long proposedTime, String deviceId,
                                              List<UserProperty> properties, String contentType, byte[] payload);

    /**
     * Durable records of {@code partition} from {@code fromOffset} on, in offset order: at most
     * {@code maxRecords}, and no more once {@code maxBytes} (of {@link TelemetryRecord#size()}) are
     * reached, though always one when there is one. When retention has removed {@code fromOffset},
     * the batch starts at the log's start and says it was truncated.
     */
    TelemetryBatch read(int partition, long fromOffset, int maxRecords, int maxBytes);

    /** The lowest offset of {@code partition} still held (its end when empty). */
    long startOffset(int partition);

    /** One past the highest durable offset of {@code partition}: where the next durable record will be. */
    long endOffset(int partition);

    /** The partitions that hold or held records, in ascending order. */
    List<Integer> partitions();

    /**
     * Removes records from the head of every partition: those enqueued before {@code horizonMillis},
     * and the oldest ones beyond {@code maxBytes} per partition (by {@link TelemetryRecord#size()}).
     * The newest durable record of each partition is always kept, so its offsets continue after a
     * restart. Runs beside appends and reads without blocking them.
     *
     * @return how many records were removed
     */
    long enforceRetention(long horizonMillis, long maxBytes);

    /**
     * Calls {@code listener} whenever records become durable. It runs on the thread that completes
     * the append (the store's writer, in a durable store) and must return quickly without blocking.
     */
    void addListener(DurableListener listener);

    /** Told when a partition's durable end advances. */
    @FunctionalInterface
    interface DurableListener {
        /**
         * Records of {@code partition} up to {@code endOffset} (exclusive) are durable and readable.
         * Calls from different threads may overtake each other: a lower end may come after a higher one.
         */
        void durable(int partition, long endOffset);
    }
}
