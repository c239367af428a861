package io.thingbus.events;

import io.thingbus.storage.Journal;
import io.thingbus.telemetry.ConsumerOffsets;
import io.thingbus.telemetry.TelemetryLog;

/**
 * The stores of telemetry fan-in, written through one journal: the log, the event store and the
 * consumers' committed offsets. The embedded RocksDB store implements it beside
 * {@link io.thingbus.storage.Stores}; {@link InMemoryTelemetryStores} serves tests.
 */
public interface TelemetryStores extends AutoCloseable {

    /** The journal every write of these stores goes through: its barrier says they are durable. */
    Journal journal();

    TelemetryLog telemetryLog();

    EventStore events();

    ConsumerOffsets consumerOffsets();

    /** Flushes what is pending and closes; the stores are unusable afterwards. */
    @Override
    void close();
}
