package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.DeviceStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceCodecTest {

    private static final Instant CREATED = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void aDeviceWithEveryOptionalFieldRoundTrips() {
        Device device = new Device("gw-1:badge@7", DeviceStatus.DISABLED,
                new DeviceCredentials("cHJpbWFyeQ==", "c2Vjb25kYXJ5", "A1".repeat(32), "B2".repeat(32)),
                Map.of("room", "A", "housingUnit", "H-17", "empty", ""), "gw-1", 7, CREATED, CREATED.plusSeconds(5));

        assertThat(DeviceCodec.decode(device.id(), DeviceCodec.encode(device))).isEqualTo(device);
    }

    @Test
    void aDeviceWithoutOptionalFieldsRoundTrips() {
        Device device = new Device("d", DeviceStatus.ENABLED, DeviceCredentials.keys("a", "b"), Map.of(), null, 0,
                CREATED, CREATED);

        assertThat(DeviceCodec.decode("d", DeviceCodec.encode(device))).isEqualTo(device);
    }

    @Test
    void anUnknownVersionOrTrailingBytesAreRefused() {
        byte[] value = DeviceCodec.encode(new Device("d", DeviceStatus.ENABLED, DeviceCredentials.keys("a", "b"),
                Map.of(), null, 0, CREATED, CREATED));
        byte[] newer = value.clone();
        newer[0] = 2;
        byte[] longer = Arrays.copyOf(value, value.length + 1);

        assertThatThrownBy(() -> DeviceCodec.decode("d", newer)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> DeviceCodec.decode("d", longer)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unread");
    }
}
