package io.thingbus.telemetry;

import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.events.TelemetryStores;

class InMemoryTelemetryLogTest extends TelemetryLogContract {

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
