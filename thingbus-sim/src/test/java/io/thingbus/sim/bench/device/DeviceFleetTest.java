package io.thingbus.sim.bench.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.thingbus.sim.bench.client.ClientRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceFleetTest {

    @Test
    void devicesArePrefixRoleIndex() {
        DeviceFleet fleet = new DeviceFleet("site-1", ClientRole.PUBLISHER, 3);

        assertThat(fleet.deviceIds()).containsExactly("site-1-p-0", "site-1-p-1", "site-1-p-2");
        assertThat(new DeviceFleet("bench", ClientRole.IDLE, 1).deviceId(0)).isEqualTo("bench-c-0");
    }

    @Test
    void anIndexOutsideTheFleetIsRefused() {
        DeviceFleet fleet = new DeviceFleet("bench", ClientRole.IDLE, 2);

        assertThatIllegalArgumentException().isThrownBy(() -> fleet.deviceId(2));
        assertThatIllegalArgumentException().isThrownBy(() -> fleet.deviceId(-1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a b", "a%20", "caf\u00e9"})
    void prefixesThatWouldNeedEscapingAreRefused(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceFleet(prefix, ClientRole.IDLE, 1))
                .withMessageContaining("--device-prefix");
    }

    @Test
    void aFleetHasDevices() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceFleet("bench", ClientRole.IDLE, 0));
    }
}
