package io.thingbus.sim.bench.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.thingbus.registry.auth.SasToken;
import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.ConnectIdentity;
import io.thingbus.sim.bench.client.SharedCredentials;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceIdentitiesTest {

    private final GroupKey groupKey = new GroupKey(GroupKeyTest.GROUP_KEY);
    private final DeviceSigner signer = new DeviceSigner(groupKey, "localhost", Instant.parse("2030-01-01T00:00:00Z"));
    private final SharedCredentials consumers = new SharedCredentials("tb1", "admin", "token");

    @Test
    void theFleetsRolesAreDevicesAndOtherRolesLogInAsGiven() {
        DeviceIdentities identities = DeviceIdentities.sign(
                List.of(new DeviceFleet("bench", ClientRole.PUBLISHER, 5)), signer, consumers);

        assertThat(identities.deviceCount()).isEqualTo(5);
        ConnectIdentity device = identities.identityFor(ClientRole.PUBLISHER, 4);
        assertThat(device.clientId()).isEqualTo("bench-p-4");
        assertThat(SasToken.parse(device.password()).isSignedWith(groupKey.deviceKey("bench-p-4"))).isTrue();
        assertThat(identities.identityFor(ClientRole.SUBSCRIBER, 0))
                .isEqualTo(new ConnectIdentity("tb1-s-0", "admin", "token"));
    }

    @Test
    void noConnectionBeyondTheSignedDevices() {
        DeviceIdentities identities = DeviceIdentities.sign(
                List.of(new DeviceFleet("bench", ClientRole.IDLE, 2)), signer, consumers);

        assertThatIllegalArgumentException().isThrownBy(() -> identities.identityFor(ClientRole.IDLE, 2))
                .withMessageContaining("beyond the 2 devices");
    }

    @Test
    void oneFleetPerRole() {
        List<DeviceFleet> twice = List.of(new DeviceFleet("a", ClientRole.IDLE, 1), new DeviceFleet("b", ClientRole.IDLE, 1));

        assertThatIllegalArgumentException().isThrownBy(() -> DeviceIdentities.sign(twice, signer, consumers));
    }
}
