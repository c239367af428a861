package io.thingbus.registry;

import io.thingbus.registry.auth.MqttUserStore;
import io.thingbus.registry.provisioning.EnrollmentStore;

/**
 * The stores of the registry. The embedded default keeps them in the same RocksDB database as the
 * broker's stores ({@code RocksDbStores} implements both); {@link InMemoryRegistryStores} serves tests.
 */
public interface RegistryStores {

    DeviceStore devices();

    ConnectivityEventStore connectivity();

    MqttUserStore users();

    EnrollmentStore enrollments();
}
