package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DeviceRegistry#create(String, Map, String, int, DeviceCredentials)}: a device registered with keys it already holds. */
class DeviceRegistryGivenKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final InMemoryDeviceStore store = new InMemoryDeviceStore();
    private final DeviceRegistry registry = new DeviceRegistry(store, PartitionAllocator.byIdHash(8),
            Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @Test
    void keepsTheGivenKeysAndPartitionAndTellsTheListeners() {
        Device[] created = new Device[1];
        registry.addListener((before, after) -> created[0] = after);
        DeviceCredentials keys = DeviceCredentials.keys("cHJpbWFyeQ==", "c2Vjb25kYXJ5");

        Device device = registry.create("badge-1", Map.of("room", "A"), null, 5, keys);

        assertThat(device.credentials()).isEqualTo(keys);
        assertThat(device.partition()).isEqualTo(5);
        assertThat(device.created()).isEqualTo(NOW);
        assertThat(store.find("badge-1")).contains(device);
        assertThat(created[0]).isEqualTo(device);
    }

    @Test
    void theUsualCreateStillMakesTwoDistinctFreshKeys() {
        Device device = registry.create("badge-2", Map.of(), null, -1);

        assertThat(device.credentials().primaryKey()).isNotEqualTo(device.credentials().secondaryKey());
        assertThat(Base64.getDecoder().decode(device.credentials().primaryKey())).hasSize(DeviceRegistry.KEY_BYTES);
    }

    @Test
    void aTakenIdIsStillAConflict() {
        DeviceCredentials keys = DeviceCredentials.keys("cHJpbWFyeQ==", "c2Vjb25kYXJ5");
        registry.create("badge-3", Map.of(), null, 0, keys);

        assertThatThrownBy(() -> registry.create("badge-3", Map.of(), null, 0, keys))
                .isInstanceOfSatisfying(ThingbusException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }
}
