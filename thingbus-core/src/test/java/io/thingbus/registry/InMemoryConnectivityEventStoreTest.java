package io.thingbus.registry;

class InMemoryConnectivityEventStoreTest extends ConnectivityEventStoreContract {

    @Override
    protected RegistryStores newStores() {
        return new InMemoryRegistryStores();
    }

    @Override
    protected RegistryStores reopen(RegistryStores current) {
        return current;
    }

    @Override
    protected void close(RegistryStores current) {
    }
}
