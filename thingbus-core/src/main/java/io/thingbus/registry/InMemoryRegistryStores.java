package io.thingbus.registry;

/** Registry stores on the heap only: for tests and hubs without a data directory. */
public final class InMemoryRegistryStores implements RegistryStores {

    private final InMemoryDeviceStore devices = new InMemoryDeviceStore();
    private final InMemoryConnectivityEventStore connectivity = new InMemoryConnectivityEventStore();

    @Override
    public DeviceStore devices() {
        return devices;
    }

    @Override
    public ConnectivityEventStore connectivity() {
        return connectivity;
    }
}
