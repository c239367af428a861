package io.thingbus.events;

class InMemoryEventStoreTest extends EventStoreContract {

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
