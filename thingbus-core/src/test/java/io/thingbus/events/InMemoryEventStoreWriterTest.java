package io.thingbus.events;

class InMemoryEventStoreWriterTest extends EventStoreWriterContract {

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
