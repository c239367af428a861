package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceRegistryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final DeviceRegistry registry = new DeviceRegistry(new InMemoryDeviceStore(), PartitionAllocator.byIdHash(8),
            Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    private final List<String> changes = new ArrayList<>();

    DeviceRegistryTest() {
        registry.addListener((before, after) -> changes.add((before == null ? "-" : before.status().wireName()) + ">"
                + (after == null ? "-" : after.status().wireName())));
    }

    @Test
    void aNewDeviceIsEnabledWithTwoDistinct256BitKeysAndAnAllocatedPartition() {
        Device device = registry.create("dev-1", Map.of("room", "A"), null, -1);

        assertThat(device.isEnabled()).isTrue();
        assertThat(Base64.getDecoder().decode(device.credentials().primaryKey())).hasSize(32);
        assertThat(Base64.getDecoder().decode(device.credentials().secondaryKey())).hasSize(32);
        assertThat(device.credentials().primaryKey()).isNotEqualTo(device.credentials().secondaryKey());
        assertThat(device.partition()).isEqualTo(Math.floorMod("dev-1".hashCode(), 8));
        assertThat(device.created()).isEqualTo(NOW);
        assertThat(registry.find("dev-1")).contains(device);
        assertThat(changes).containsExactly("->enabled");
    }

    @Test
    void aGivenPartitionWinsOverTheAllocator() {
        assertThat(registry.create("dev-1", Map.of(), null, 5).partition()).isEqualTo(5);
    }

    @Test
    void aTakenIdIsAConflictAndAnInvalidOneABadRequest() {
        registry.create("dev-1", Map.of(), null, -1);

        assertThatThrownBy(() -> registry.create("dev-1", Map.of(), null, -1))
                .isInstanceOfSatisfying(ThingbusException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> registry.create("a/b", Map.of(), null, -1))
                .isInstanceOfSatisfying(ThingbusException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> registry.create("x".repeat(129), Map.of(), null, -1))
                .isInstanceOf(ThingbusException.class);
    }

    @Test
    void aParentMustBeARegisteredDeviceWithoutAParentOfItsOwn() {
        registry.create("gw-1", Map.of(), null, -1);
        registry.create("badge-1", Map.of(), "gw-1", -1);

        assertThatThrownBy(() -> registry.create("badge-2", Map.of(), "gw-unknown", -1))
                .hasMessageContaining("not a registered device");
        assertThatThrownBy(() -> registry.create("badge-3", Map.of(), "badge-1", -1))
                .hasMessageContaining("one level deep");
        assertThatThrownBy(() -> registry.setParent("gw-1", "gw-1")).hasMessageContaining("own parent");
        registry.create("gw-2", Map.of(), null, -1);
        assertThatThrownBy(() -> registry.setParent("gw-1", "gw-2")).as("gw-1 has a child")
                .hasMessageContaining("one level deep");
        assertThat(registry.require("badge-1").parentId()).isEqualTo("gw-1");
    }

    @Test
    void regeneratingOneKeyKeepsTheOther() {
        Device before = registry.create("dev-1", Map.of(), null, -1);

        Device after = registry.regenerateKey("dev-1", DeviceRegistry.KeyName.SECONDARY);

        assertThat(after.credentials().primaryKey()).isEqualTo(before.credentials().primaryKey());
        assertThat(after.credentials().secondaryKey()).isNotEqualTo(before.credentials().secondaryKey());
    }

    @Test
    void listenersHearStatusChangesAndDeletesButNotNoOps() {
        registry.create("dev-1", Map.of(), null, -1);

        registry.setStatus("dev-1", DeviceStatus.DISABLED);
        registry.setStatus("dev-1", DeviceStatus.DISABLED);
        registry.delete("dev-1");

        assertThat(changes).containsExactly("->enabled", "enabled>disabled", "disabled>-");
        assertThatThrownBy(() -> registry.delete("dev-1"))
                .isInstanceOfSatisfying(ThingbusException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
