package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** A registry, principals and users behind a {@link HubAuthenticator}, on a manual clock, as the tests of each way in need them. */
final class HubFixture {

    final ManualClock clock = new ManualClock();
    final InMemoryDeviceStore store = new InMemoryDeviceStore();
    final DeviceRegistry registry = new DeviceRegistry(store, PartitionAllocator.byIdHash(4), clock, new SecureRandom());
    final GatewayChildren gateways = GatewayChildren.load(store);
    final ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), clock, new SecureRandom());
    final MqttUsers users = new MqttUsers(new InMemoryMqttUserStore(), clock, new SecureRandom(), PasswordHash.MIN_ITERATIONS);

    HubFixture() {
        registry.addListener(gateways);
    }

    HubAuthenticator hub(AuthConfig config) {
        return new HubAuthenticator(store, gateways, principals, users, config, clock);
    }

    Device device(String id) {
        return registry.create(id, Map.of(), null, -1);
    }

    static ClientCredentials connect(String clientId, String username, String password) {
        return connect(clientId, username, password, List.of(), "10.0.0.1");
    }

    static ClientCredentials connect(String clientId, String username, String password, List<X509Certificate> chain,
                                     String remoteAddress) {
        return new ClientCredentials(clientId, username, password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                chain, remoteAddress, "mqtts");
    }

    static AuthenticationResult.Accepted accepted(AuthenticationResult result) {
        assertThat(result).isInstanceOf(AuthenticationResult.Accepted.class);
        return (AuthenticationResult.Accepted) result;
    }

    static AuthenticationResult.Refused refused(AuthenticationResult result, ErrorCode code) {
        assertThat(result).isInstanceOf(AuthenticationResult.Refused.class);
        AuthenticationResult.Refused refused = (AuthenticationResult.Refused) result;
        assertThat(refused.code()).isEqualTo(code);
        return refused;
    }
}
