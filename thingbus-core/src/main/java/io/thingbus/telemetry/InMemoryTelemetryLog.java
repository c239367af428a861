package io.thingbus.telemetry;

import io.thingbus.messaging.UserProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link TelemetryLog} on the heap: nothing survives the process, and a record is "durable" (readable,
 * its future complete) as soon as it is appended. Thread-safe.
 */
public final class InMemoryTelemetryLog implements TelemetryLog {

    private final ConcurrentSkipListMap<Integer, Partition> partitions = new ConcurrentSkipListMap<>();
    private final List<DurableListener> listeners = new CopyOnWriteArrayList<>();

    /** One partition; its lock owns the offset and time sequence and the byte count. */
    private static final class Partition {
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentSkipListMap<Long, TelemetryRecord> records = new ConcurrentSkipListMap<>();
        long nextOffset;
        long lastTime;
        long bytes;
        /** The lowest offset held, or where the next one goes; written under the lock. */
        volatile long startOffset;
        /** One past the highest appended offset; written under the lock. */
        volatile long endOffset;
    }

    @Override
    public CompletableFuture<TelemetryRecord> append(int partition, long proposedTime, String deviceId,
                                                     List<UserProperty> properties, String contentType, byte[] payload) {
        Partition state = partitions.computeIfAbsent(TelemetryPosition.requireValidPartition(partition), p -> new Partition());
        TelemetryRecord record;
        state.lock.lock();
        try {
            record = new TelemetryRecord(partition, state.nextOffset, Math.max(proposedTime, state.lastTime), deviceId,
                    properties, contentType, payload);
            state.records.put(record.offset(), record);
            state.nextOffset++;
            state.lastTime = record.enqueuedTime();
            state.bytes += record.size();
            state.endOffset = state.nextOffset;
        } finally {
            state.lock.unlock();
        }
        for (DurableListener listener : listeners) {
            listener.durable(partition, record.offset() + 1);
        }
        return CompletableFuture.completedFuture(record);
    }

    @Override
    public TelemetryBatch read(int partition, long fromOffset, int maxRecords, int maxBytes) {
        Partition state = partitions.get(TelemetryPosition.requireValidPartition(partition));
        if (state == null) {
            return new TelemetryBatch(partition, fromOffset, List.of(), fromOffset, false);
        }
        List<TelemetryRecord> records = new ArrayList<>();
        long bytes = 0;
        for (TelemetryRecord record : state.records.tailMap(fromOffset, true).values()) {
            if (records.size() >= maxRecords || (!records.isEmpty() && bytes + record.size() > maxBytes)) {
                break;
            }
            records.add(record);
            bytes += record.size();
        }
        return TelemetryBatch.of(partition, fromOffset, records, state.startOffset);
    }

    @Override
    public long startOffset(int partition) {
        Partition state = partitions.get(partition);
        return state == null ? 0 : state.startOffset;
    }

    @Override
    public long endOffset(int partition) {
        Partition state = partitions.get(partition);
        return state == null ? 0 : state.endOffset;
    }

    @Override
    public List<Integer> partitions() {
        return List.copyOf(partitions.keySet());
    }

    @Override
    public long enforceRetention(long horizonMillis, long maxBytes) {
        long removed = 0;
        for (Partition state : partitions.values()) {
            state.lock.lock();
            try {
                Map.Entry<Long, TelemetryRecord> head;
                while ((head = state.records.firstEntry()) != null && head.getKey() < state.nextOffset - 1
                        && (head.getValue().enqueuedTime() < horizonMillis || state.bytes > maxBytes)) {
                    state.records.remove(head.getKey());
                    state.bytes -= head.getValue().size();
                    state.startOffset = head.getKey() + 1;
                    removed++;
                }
            } finally {
                state.lock.unlock();
            }
        }
        return removed;
    }

    @Override
    public void addListener(DurableListener listener) {
        listeners.add(listener);
    }
}
