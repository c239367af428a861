package io.thingbus.telemetry;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ConsumerOffsets} on the heap. Thread-safe. */
public final class InMemoryConsumerOffsets implements ConsumerOffsets {

    private record Key(String group, int partition) {
    }

    private final ConcurrentHashMap<Key, Long> offsets = new ConcurrentHashMap<>();

    @Override
    public OptionalLong committed(String group, int partition) {
        Long offset = offsets.get(new Key(group, partition));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    @Override
    public void commit(String group, int partition, long offset) {
        ConsumerOffsets.requireValidGroup(group);
        TelemetryPosition.requireValidPartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("an offset must not be negative, was " + offset);
        }
        offsets.put(new Key(group, partition), offset);
    }
}
