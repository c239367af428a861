package io.thingbus.registry.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.testing.ManualClock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allocation policies, their names, and the least-loaded counts following the registry. */
class AllocationTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryDeviceStore devices = new InMemoryDeviceStore();

    private DeviceRegistry registryCountedBy(LeastLoadedAllocator allocator) {
        DeviceRegistry registry = new DeviceRegistry(devices, allocator, clock, new SecureRandom());
        registry.addListener(allocator);
        return registry;
    }

    @Test
    void policiesParseFromAndPrintToTheirNames() {
        assertThat(AllocationPolicy.parse("hash")).isEqualTo(AllocationPolicy.HASH);
        assertThat(AllocationPolicy.parse("least-loaded")).isEqualTo(AllocationPolicy.LEAST_LOADED);
        assertThat(AllocationPolicy.parse("tag:neighbourhood")).isEqualTo(new AllocationPolicy.ByTag("neighbourhood"));
        for (String name : new String[] {"hash", "least-loaded", "tag:a:b"}) {
            assertThat(AllocationPolicy.parse(name).wireName()).isEqualTo(name);
        }
        for (String bad : new String[] {"Hash", "round-robin", "tag:", "", null}) {
            assertThatThrownBy(() -> AllocationPolicy.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void hashSpreadsByTheDeviceIdAndIgnoresTags() {
        PartitionAllocators allocators = new PartitionAllocators(LeastLoadedAllocator.count(devices, 8), AllocationPolicy.HASH);
        PartitionAllocator hash = allocators.forPolicy(AllocationPolicy.HASH);

        assertThat(hash.allocate("dev-1", Map.of("a", "b"))).isEqualTo(Math.floorMod("dev-1".hashCode(), 8))
                .isEqualTo(hash.allocate("dev-1", Map.of()));
    }

    @Test
    void leastLoadedFillsTheEmptiestPartitionAndItsCountsFollowCreatesAndDeletes() {
        LeastLoadedAllocator allocator = LeastLoadedAllocator.count(devices, 3);
        DeviceRegistry registry = registryCountedBy(allocator);

        for (int i = 0; i < 6; i++) {
            registry.create("dev-" + i, Map.of(), null, -1);
        }
        assertThat(allocator.counts()).containsExactly(2, 2, 2);
        assertThat(registry.require("dev-0").partition()).isZero();
        assertThat(registry.require("dev-1").partition()).isEqualTo(1);
        assertThat(registry.require("dev-2").partition()).isEqualTo(2);

        registry.delete("dev-1");
        registry.delete("dev-4");
        assertThat(allocator.counts()).containsExactly(2, 0, 2);
        assertThat(registry.create("dev-6", Map.of(), null, -1).partition()).isEqualTo(1);
        registry.setTags("dev-6", Map.of("changed", "yes"));
        assertThat(allocator.counts()).as("an update moves nothing").containsExactly(2, 1, 2);
    }

    @Test
    void leastLoadedCountsTheDevicesAlreadyStoredAcrossPages() {
        LeastLoadedAllocator seeding = LeastLoadedAllocator.count(devices, 4);
        DeviceRegistry registry = registryCountedBy(seeding);
        int total = LeastLoadedAllocator.LOAD_PAGE * 2 + 7;
        for (int i = 0; i < total; i++) {
            registry.create(String.format("dev-%05d", i), Map.of(), null, i % 3);
        }
        registry.create("beyond", Map.of(), null, 9);

        LeastLoadedAllocator loaded = LeastLoadedAllocator.count(devices, 4);

        assertThat(loaded.counts()).containsExactly(669, 669, 669, 0);
        assertThat(loaded.allocate("next", Map.of())).isEqualTo(3);
    }

    @Test
    void tagPutsEqualValuesTogetherAndFallsBackToTheIdHash() {
        PartitionAllocators allocators = new PartitionAllocators(LeastLoadedAllocator.count(devices, 16), AllocationPolicy.HASH);
        PartitionAllocator byTag = allocators.forPolicy(new AllocationPolicy.ByTag("neighbourhood"));

        int n3 = byTag.allocate("unit-1", Map.of("neighbourhood", "N3"));
        assertThat(n3).isEqualTo(Math.floorMod("N3".hashCode(), 16));
        assertThat(byTag.allocate("unit-2", Map.of("neighbourhood", "N3", "floor", "2"))).isEqualTo(n3);
        assertThat(byTag.allocate("unit-3", Map.of("floor", "2"))).isEqualTo(Math.floorMod("unit-3".hashCode(), 16));
    }

    @Test
    void noPolicyMeansTheHubDefault() {
        LeastLoadedAllocator leastLoaded = LeastLoadedAllocator.count(devices, 4);
        PartitionAllocators allocators = new PartitionAllocators(leastLoaded, AllocationPolicy.LEAST_LOADED);

        assertThat(allocators.forPolicy(null)).isSameAs(leastLoaded).isSameAs(allocators.hubDefault());
    }

    @Test
    void atLeastOnePartition() {
        assertThatThrownBy(() -> LeastLoadedAllocator.count(devices, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
