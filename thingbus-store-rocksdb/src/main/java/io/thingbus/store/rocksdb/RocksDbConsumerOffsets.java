package io.thingbus.store.rocksdb;

import io.thingbus.telemetry.ConsumerOffsets;
import io.thingbus.telemetry.TelemetryPosition;
import java.util.OptionalLong;

/**
 * {@link ConsumerOffsets} in the {@code consumer-offsets} column family, read through its overlay
 * (a commit is readable at once). Key: group name length (2) + group name (UTF-8) + partition (2).
 * Value: {@link ConsumerOffsetCodec}.
 */
final class RocksDbConsumerOffsets implements ConsumerOffsets {

    private final ColumnFamily family;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;

    RocksDbConsumerOffsets(ColumnFamily family, GroupCommitJournal journal, ColumnReader reader) {
        this.family = family;
        this.journal = journal;
        this.reader = reader;
    }

    static byte[] key(String group, int partition) {
        byte[] key = ClientKeys.key(ConsumerOffsets.requireValidGroup(group), 2);
        key[key.length - 2] = (byte) (partition >>> 8);
        key[key.length - 1] = (byte) partition;
        return key;
    }

    @Override
    public OptionalLong committed(String group, int partition) {
        byte[] value = reader.get(family, key(group, TelemetryPosition.requireValidPartition(partition)));
        return value == null ? OptionalLong.empty() : OptionalLong.of(ConsumerOffsetCodec.decode(value));
    }

    @Override
    public void commit(String group, int partition, long offset) {
        TelemetryPosition.requireValidPartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("an offset must not be negative, was " + offset);
        }
        journal.put(family, key(group, partition), ConsumerOffsetCodec.encode(offset));
    }
}
