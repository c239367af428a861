package io.thingbus.telemetry;

/**
 * One consumer group's cursor on one partition of the log: reads from where the group last
 * committed (or from the log's start when it never did) and commits how far it got. A slow consumer
 * blocks nobody: it reads older offsets while appends go on, and when retention overtakes it, its
 * next batch starts at the log's start and says it was truncated.
 *
 * <p>Delivery is at least once: records read but not yet committed are read again after a restart.
 * Not thread-safe: one thread at a time polls and commits.
 */
public final class LogConsumer {

    private final TelemetryLog log;
    private final ConsumerOffsets offsets;
    private final String group;
    private final int partition;
    private long position;

    /** A cursor at {@code group}'s committed offset of {@code partition}, or at the log's start. */
    public LogConsumer(TelemetryLog log, ConsumerOffsets offsets, String group, int partition) {
        this.log = log;
        this.offsets = offsets;
        this.group = ConsumerOffsets.requireValidGroup(group);
        this.partition = TelemetryPosition.requireValidPartition(partition);
        this.position = offsets.committed(group, partition).orElse(log.startOffset(partition));
    }

    /** The next durable records from the cursor on; advances the cursor past them. */
    public TelemetryBatch poll(int maxRecords, int maxBytes) {
        TelemetryBatch batch = log.read(partition, position, maxRecords, maxBytes);
        position = batch.nextOffset();
        return batch;
    }

    /**
     * Commits the cursor: after a restart the group reads on from here. Readable at once, durable at
     * the next journal barrier; call it inside {@code Journal.atomically} with the writes that
     * processed the batch to make both durable together.
     */
    public void commit() {
        offsets.commit(group, partition, position);
    }

    /** The offset the next poll reads from. */
    public long position() {
        return position;
    }
}
