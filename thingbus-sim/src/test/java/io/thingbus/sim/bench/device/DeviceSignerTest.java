package io.thingbus.sim.bench.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.thingbus.registry.auth.SasToken;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.sim.bench.client.ConnectIdentity;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeviceSignerTest {

    private static final Instant EXPIRY = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SECONDARY = Base64.getEncoder().encodeToString(new byte[32]);

    private final DeviceSigner signer = new DeviceSigner(new GroupKey(GroupKeyTest.GROUP_KEY), "hub.local", EXPIRY);
    private final EnrollmentKeys group = new EnrollmentKeys(GroupKeyTest.GROUP_KEY, SECONDARY);

    @Test
    void aDeviceConnectsWithItsIdAndATokenSignedWithItsDerivedKey() {
        ConnectIdentity identity = signer.identity("bench-p-7");

        assertThat(identity.clientId()).isEqualTo("bench-p-7");
        assertThat(identity.username()).isEqualTo("hub.local/bench-p-7/?api-version=2021-04-12");
        SasToken token = SasToken.parse(identity.password());
        assertThat(token.resource()).isEqualTo("hub.local/devices/bench-p-7");
        assertThat(token.expiresAt()).isEqualTo(EXPIRY);
        assertThat(token.isSignedWith(group.deriveFor("bench-p-7").primaryKey())).isTrue();
        assertThat(token.isSignedWith(group.deriveFor("bench-p-8").primaryKey())).isFalse();
        assertThat(token.isSignedWith(GroupKeyTest.GROUP_KEY)).isFalse();
    }

    @Test
    void aDeviceRegistersWithATokenForItsRegistrationInTheScope() {
        SasToken token = SasToken.parse(signer.registrationToken("scope-1", "bench-c-0"));

        assertThat(token.resource()).isEqualTo("scope-1/registrations/bench-c-0");
        assertThat(token.keyName()).isEqualTo("registration");
        assertThat(group.signed(token)).isFalse();
        assertThat(group.deriveFor("bench-c-0").signed(token)).isTrue();
    }

    @Test
    void theHostNameIsOnePathSegment() {
        GroupKey key = new GroupKey(GroupKeyTest.GROUP_KEY);
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceSigner(key, "hub/x", EXPIRY))
                .withMessageContaining("--sas-hostname");
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceSigner(key, "", EXPIRY));
    }
}
