package io.thingbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.telemetry.TelemetryRecord;
import io.thingbus.telemetry.TelemetryRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TelemetryRetentionSweepTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void appliesEachRetentionToItsStoreAgainstTheClock() {
        InMemoryTelemetryStores stores = new InMemoryTelemetryStores();
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        TelemetryRetentionSweep sweep = new TelemetryRetentionSweep(stores.telemetryLog(), stores.events(),
                new TelemetryRetention(Duration.ofHours(1), Long.MAX_VALUE, Duration.ofHours(3)), now::get);
        List<TelemetryRecord> records = new ArrayList<>();
        for (int minutes = 0; minutes < 300; minutes += 30) {
            records.add(stores.telemetryLog().append(0, T0.plusSeconds(minutes * 60L).toEpochMilli(), "d", List.of(), null,
                    new byte[0]).join());
        }
        stores.events().add(records);

        now.set(T0.plus(Duration.ofHours(5)));
        long removed = sweep.sweep();

        assertThat(removed).as("log records older than an hour: all but the last two").isEqualTo(8);
        assertThat(stores.telemetryLog().startOffset(0)).isEqualTo(8);
        EventPage events = stores.events().query(new EventQuery("d", Instant.EPOCH, Instant.MAX, 100, EventOrder.ASC, null));
        assertThat(events.events()).extracting(TelemetryRecord::enqueuedTime)
                .allSatisfy(time -> assertThat(time).isGreaterThanOrEqualTo(T0.plus(Duration.ofHours(2)).toEpochMilli()))
                .hasSize(6);
    }
}
