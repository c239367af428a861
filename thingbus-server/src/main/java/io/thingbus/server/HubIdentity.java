package io.thingbus.server;

import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.GatewayChildren;
import io.thingbus.registry.auth.HubAuthenticator;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.HubEndpoints;
import io.thingbus.registry.provisioning.LeastLoadedAllocator;
import io.thingbus.registry.provisioning.PartitionAllocators;
import io.thingbus.registry.provisioning.ProvisioningService;
import io.thingbus.store.rocksdb.RocksDbStores;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Who may connect and what they are: the device registry with its listeners (partition counts and the
 * gateway index, both told of every change before the registry takes writes), MQTT users,
 * provisioning, the authenticator the broker and the HTTP device routes share, and the connectivity
 * tracker. Built from the stores at start; the broker's part (closing revoked devices' connections)
 * is added by the composition root once the broker exists.
 *
 * @param devices      the registry; register further {@link io.thingbus.registry.DeviceListener}s on it
 * @param users        MQTT user name and password clients
 * @param enrollments  the provisioning allow-list, for the API
 * @param provisioning device self-registration (HTTP and MQTT)
 * @param authenticator every client's CONNECT (and a device's HTTP post)
 * @param connectivity connection state and the kept connectivity log
 */
record HubIdentity(DeviceRegistry devices, MqttUsers users, Enrollments enrollments, ProvisioningService provisioning,
                   HubAuthenticator authenticator, ConnectivityTracker connectivity) {

    /**
     * @param endpoints where provisioned devices are told to connect, asked at each registration (the
     *                  listeners are bound after this is built)
     */
    static HubIdentity open(RocksDbStores stores, ServerConfig config, ServicePrincipals principals,
                            Supplier<HubEndpoints> endpoints, Clock clock) {
        RegistryConfig registry = config.registry();
        SecureRandom random = new SecureRandom();
        LeastLoadedAllocator leastLoaded = LeastLoadedAllocator.count(stores.devices(), registry.partitions());
        PartitionAllocators allocators = new PartitionAllocators(leastLoaded, registry.allocation());
        DeviceRegistry devices = new DeviceRegistry(stores.devices(), allocators.hubDefault(), clock, random);
        devices.addListener(leastLoaded);
        GatewayChildren gateways = GatewayChildren.load(stores.devices());
        devices.addListener(gateways);
        MqttUsers users = new MqttUsers(stores.users(), clock, random, registry.passwordIterations());
        ProvisioningService provisioning = new ProvisioningService(stores.enrollments(), devices, allocators, endpoints,
                clock);
        HubAuthenticator authenticator = new HubAuthenticator(stores.devices(), gateways, principals, users,
                provisioning::verify, config.auth(), clock);
        ConnectivityTracker connectivity = new ConnectivityTracker(stores.connectivity(), registry.keptConnectivityEvents());
        return new HubIdentity(devices, users, new Enrollments(stores.enrollments(), clock, random), provisioning,
                authenticator, connectivity);
    }
}
