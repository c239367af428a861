package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.events.EventOrder;
import io.thingbus.events.EventQuery;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a durable store shows: an append completes, and its record becomes readable, only once
 * the journal has written it; events are visible once written.
 */
class RocksDbTelemetryDurabilityTest {

    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path directory;

    @Test
    void anAppendCompletesAndIsReadOnlyOnceItsBatchIsWritten() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.ALWAYS, gate)) {
            CompletableFuture<TelemetryRecord> append = stores.telemetryLog()
                    .append(0, T0, "d", List.of(), null, "held".getBytes(StandardCharsets.UTF_8));
            gate.awaitWriterHeld();

            assertThat(append).isNotDone();
            assertThat(stores.telemetryLog().endOffset(0)).isZero();
            assertThat(stores.telemetryLog().read(0, 0, 10, 1 << 20).records()).isEmpty();

            gate.letOneBatchThrough();
            TelemetryRecord record = append.get(60, TimeUnit.SECONDS);

            assertThat(record.offset()).isZero();
            assertThat(stores.telemetryLog().endOffset(0)).isEqualTo(1);
            assertThat(stores.telemetryLog().read(0, 0, 10, 1 << 20).records()).hasSize(1);
            gate.open();
        }
    }

    @Test
    void eventsAreVisibleOnceWritten() throws Exception {
        WriteGate gate = new WriteGate();
        try (RocksDbStores stores = RocksDbStores.open(directory, FsyncPolicy.ALWAYS, gate)) {
            EventQuery query = new EventQuery("d", Instant.EPOCH, Instant.MAX, 10, EventOrder.ASC, null);
            stores.events().add(List.of(new TelemetryRecord(0, 0, T0, "d", List.of(), null, new byte[0])));
            CompletableFuture<Void> barrier = stores.journal().barrier();
            gate.awaitWriterHeld();

            assertThat(stores.events().query(query).events()).isEmpty();

            gate.open();
            barrier.get(60, TimeUnit.SECONDS);
            assertThat(stores.events().query(query).events()).hasSize(1);
        }
    }
}
