package io.thingbus.storage;

class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected Stores newStores() {
        return new InMemoryStores();
    }

    @Override
    protected Stores reopen(Stores current) {
        return current;
    }

    @Override
    protected boolean survivesReopen() {
        return false;
    }
}
