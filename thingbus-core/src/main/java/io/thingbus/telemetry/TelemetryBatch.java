package io.thingbus.telemetry;

import java.util.List;

/**
 * What one read of a partition returned.
 *
 * @param partition  the partition read
 * @param fromOffset the offset the reader asked for
 * @param records    the records, in offset order without gaps; empty when nothing durable is there yet
 * @param nextOffset the offset to read next: one past the last record, or where the read began when
 *                   there was none
 * @param truncated  true when retention had removed records from {@code fromOffset} on: the records
 *                   begin at the log's start instead, and the ones between were lost to this reader
 */
public record TelemetryBatch(int partition, long fromOffset, List<TelemetryRecord> records, long nextOffset,
                             boolean truncated) {

    public TelemetryBatch {
        records = List.copyOf(records);
    }

    /**
     * The batch of a read from {@code fromOffset} that found {@code records} (consecutive offsets) while
     * the partition started at {@code startOffset}: truncated when the records, or the partition,
     * begin past {@code fromOffset}.
     */
    public static TelemetryBatch of(int partition, long fromOffset, List<TelemetryRecord> records, long startOffset) {
        if (records.isEmpty()) {
            return new TelemetryBatch(partition, fromOffset, records, Math.max(fromOffset, startOffset), fromOffset < startOffset);
        }
        long first = records.get(0).offset();
        return new TelemetryBatch(partition, fromOffset, records, records.get(records.size() - 1).offset() + 1, first > fromOffset);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
