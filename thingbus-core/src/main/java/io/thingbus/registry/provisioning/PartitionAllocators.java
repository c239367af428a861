package io.thingbus.registry.provisioning;

import io.thingbus.registry.PartitionAllocator;
import java.util.Objects;

/**
 * The hub's allocators over its {@code P} partitions, one per {@link AllocationPolicy}, and the hub's
 * default policy ({@code --allocation-policy}) that applies when an enrollment names none. The
 * default's allocator is also the one to give the {@link io.thingbus.registry.DeviceRegistry}, for
 * devices created through the API.
 */
public final class PartitionAllocators {

    private final int partitions;
    private final PartitionAllocator hash;
    private final LeastLoadedAllocator leastLoaded;
    private final AllocationPolicy defaultPolicy;

    /**
     * @param leastLoaded   the hub's one least-loaded allocator, which counts every device (so it must be
     *                      a listener of the registry); its partition count is the hub's
     * @param defaultPolicy the policy when an enrollment names none
     */
    public PartitionAllocators(LeastLoadedAllocator leastLoaded, AllocationPolicy defaultPolicy) {
        this.leastLoaded = Objects.requireNonNull(leastLoaded, "leastLoaded");
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.partitions = leastLoaded.partitions();
        this.hash = PartitionAllocator.byIdHash(partitions);
    }

    /** The allocator of the hub's default policy. */
    public PartitionAllocator hubDefault() {
        return forPolicy(defaultPolicy);
    }

    /** The allocator of {@code policy}; null means the hub's default. */
    public PartitionAllocator forPolicy(AllocationPolicy policy) {
        return switch (policy == null ? defaultPolicy : policy) {
            case AllocationPolicy.Hash h -> hash;
            case AllocationPolicy.LeastLoaded l -> leastLoaded;
            case AllocationPolicy.ByTag byTag -> (deviceId, tags) -> {
                String value = tags.get(byTag.tag());
                return value == null ? hash.allocate(deviceId, tags) : Math.floorMod(value.hashCode(), partitions);
            };
        };
    }
}
