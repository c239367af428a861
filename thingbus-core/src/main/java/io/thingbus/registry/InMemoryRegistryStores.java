package io.thingbus.registry;

import io.thingbus.registry.auth.InMemoryMqttUserStore;
import io.thingbus.registry.auth.MqttUserStore;
import io.thingbus.registry.provisioning.EnrollmentStore;
import io.thingbus.registry.provisioning.InMemoryEnrollmentStore;

/** Registry stores on the heap only: for tests and hubs without a data directory. */
public final class InMemoryRegistryStores implements RegistryStores {

    private final InMemoryDeviceStore devices = new InMemoryDeviceStore();
    private final InMemoryConnectivityEventStore connectivity = new InMemoryConnectivityEventStore();
    private final InMemoryMqttUserStore users = new InMemoryMqttUserStore();
    private final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore();

    @Override
    public DeviceStore devices() {
        return devices;
    }

    @Override
    public ConnectivityEventStore connectivity() {
        return connectivity;
    }

    @Override
    public MqttUserStore users() {
        return users;
    }

    @Override
    public EnrollmentStore enrollments() {
        return enrollments;
    }
}
