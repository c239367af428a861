package io.thingbus.telemetry;

import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.events.TelemetryStores;

class InMemoryConsumerOffsetsTest extends ConsumerOffsetsContract {

    @Override
    protected TelemetryStores newStores() {
        return new InMemoryTelemetryStores();
    }

    @Override
    protected TelemetryStores reopen(TelemetryStores current) {
        return current;
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}
