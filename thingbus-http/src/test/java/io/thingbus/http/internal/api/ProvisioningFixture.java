package io.thingbus.http.internal.api;

import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.HubEndpoints;
import io.thingbus.registry.provisioning.InMemoryEnrollmentStore;
import io.thingbus.registry.provisioning.LeastLoadedAllocator;
import io.thingbus.registry.provisioning.PartitionAllocators;
import io.thingbus.registry.provisioning.ProvisioningService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/** A device registry, enrollments and the provisioning service over in-memory stores, wired as the hub wires them. */
public record ProvisioningFixture(DeviceRegistry registry, Enrollments enrollments, ProvisioningService service) {

    public static final int PARTITIONS = 8;

    /** With endpoints that say the hub is {@code hub.test} on the default ports. */
    public static ProvisioningFixture inMemory() {
        return inMemory(Clock.systemUTC(), () -> new HubEndpoints("hub.test", 1883, 8883, 8080, 8443, "/mqtt",
                "/$iothub/websocket"));
    }

    public static ProvisioningFixture inMemory(Clock clock, Supplier<HubEndpoints> endpoints) {
        InMemoryDeviceStore devices = new InMemoryDeviceStore();
        LeastLoadedAllocator leastLoaded = LeastLoadedAllocator.count(devices, PARTITIONS);
        PartitionAllocators allocators = new PartitionAllocators(leastLoaded, AllocationPolicy.HASH);
        DeviceRegistry registry = new DeviceRegistry(devices, allocators.hubDefault(), clock, new SecureRandom());
        registry.addListener(leastLoaded);
        return over(registry, allocators, clock, endpoints);
    }

    /** Provisioning (with enrollments in memory) over an existing registry, allocating with {@code allocators}. */
    public static ProvisioningFixture over(DeviceRegistry registry, PartitionAllocators allocators, Clock clock,
                                           Supplier<HubEndpoints> endpoints) {
        InMemoryEnrollmentStore store = new InMemoryEnrollmentStore();
        return new ProvisioningFixture(registry, new Enrollments(store, clock, new SecureRandom()),
                new ProvisioningService(store, registry, allocators, endpoints, clock));
    }
}
