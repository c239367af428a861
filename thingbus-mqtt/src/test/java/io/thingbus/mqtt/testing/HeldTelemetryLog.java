package io.thingbus.mqtt.testing;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.InMemoryTelemetryLog;
import io.thingbus.telemetry.TelemetryBatch;
import io.thingbus.telemetry.TelemetryLog;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link InMemoryTelemetryLog} whose appends become durable only when the test says: each append is
 * stamped and kept at once, and its future completes at {@link #releaseAll()} (or fails at
 * {@link #failAll}), as a durable store's would once its journal has synced.
 */
public final class HeldTelemetryLog implements TelemetryLog {

    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog();
    private final List<Held> held = new ArrayList<>();

    private record Held(TelemetryRecord record, CompletableFuture<TelemetryRecord> durable) {
    }

    @Override
    public synchronized CompletableFuture<TelemetryRecord> append(int partition, long proposedTime, String deviceId,
                                                                  List<UserProperty> properties, String contentType,
                                                                  byte[] payload) {
        TelemetryRecord record = log.append(partition, proposedTime, deviceId, properties, contentType, payload).join();
        CompletableFuture<TelemetryRecord> durable = new CompletableFuture<>();
        held.add(new Held(record, durable));
        return durable;
    }

    /** The records appended so far, durable or not, in append order. */
    public synchronized List<TelemetryRecord> appended() {
        return held.stream().map(Held::record).toList();
    }

    /** Completes every append held so far, in order. */
    public void releaseAll() {
        for (Held one : take()) {
            one.durable().complete(one.record());
        }
    }

    /** Fails every append held so far with {@code failure}. */
    public void failAll(Throwable failure) {
        for (Held one : take()) {
            one.durable().completeExceptionally(failure);
        }
    }

    private synchronized List<Held> take() {
        return held.stream().filter(one -> !one.durable().isDone()).toList();
    }

    @Override
    public TelemetryBatch read(int partition, long fromOffset, int maxRecords, int maxBytes) {
        return log.read(partition, fromOffset, maxRecords, maxBytes);
    }

    @Override
    public long startOffset(int partition) {
        return log.startOffset(partition);
    }

    @Override
    public long endOffset(int partition) {
        return log.endOffset(partition);
    }

    @Override
    public List<Integer> partitions() {
        return log.partitions();
    }

    @Override
    public long enforceRetention(long horizonMillis, long maxBytes) {
        return log.enforceRetention(horizonMillis, maxBytes);
    }

    @Override
    public void addListener(DurableListener listener) {
        log.addListener(listener);
    }
}
