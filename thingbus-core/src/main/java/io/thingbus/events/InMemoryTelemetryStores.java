package io.thingbus.events;

import io.thingbus.storage.Journal;
import io.thingbus.telemetry.ConsumerOffsets;
import io.thingbus.telemetry.InMemoryConsumerOffsets;
import io.thingbus.telemetry.InMemoryTelemetryLog;
import io.thingbus.telemetry.TelemetryLog;
import java.util.concurrent.CompletableFuture;

/** Telemetry stores on the heap: nothing survives the process, every barrier is complete at once. */
public final class InMemoryTelemetryStores implements TelemetryStores {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final TelemetryLog log = new InMemoryTelemetryLog();
    private final EventStore events = new InMemoryEventStore();
    private final ConsumerOffsets offsets = new InMemoryConsumerOffsets();
    private final Journal journal = new Journal() {
        @Override
        public CompletableFuture<Void> barrier() {
            return DONE;
        }

        @Override
        public void atomically(Runnable writes) {
            writes.run();
        }
    };

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public TelemetryLog telemetryLog() {
        return log;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ConsumerOffsets consumerOffsets() {
        return offsets;
    }

    @Override
    public void close() {
    }
}
