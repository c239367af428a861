package io.thingbus.registry.provisioning;

import static io.thingbus.registry.provisioning.ProvisioningServiceTest.azureDerivedKey;
import static io.thingbus.registry.provisioning.ProvisioningServiceTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.auth.SasToken;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrollmentKeysTest {

    private final EnrollmentKeys keys = new EnrollmentKeys(key('p'), key('s'));

    @Test
    void derivesEachKeyAsAzureDps() throws Exception {
        EnrollmentKeys derived = keys.deriveFor("badge-0042");

        assertThat(derived.primaryKey()).isEqualTo(azureDerivedKey(key('p'), "badge-0042"));
        assertThat(derived.secondaryKey()).isEqualTo(azureDerivedKey(key('s'), "badge-0042"));
        assertThat(keys.deriveFor("badge-0043").primaryKey()).isNotEqualTo(derived.primaryKey());
    }

    @Test
    void aTokenSignedWithEitherKeyVerifies() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

        assertThat(keys.signed(SasToken.parse(SasToken.sign("s/registrations/r", key('p'), expiry)))).isTrue();
        assertThat(keys.signed(SasToken.parse(SasToken.sign("s/registrations/r", key('s'), expiry)))).isTrue();
        assertThat(keys.signed(SasToken.parse(SasToken.sign("s/registrations/r", key('x'), expiry)))).isFalse();
    }

    @Test
    void matchesOnlyADeviceWithBothKeys() {
        assertThat(keys.matches(DeviceCredentials.keys(key('p'), key('s')))).isTrue();
        assertThat(keys.matches(DeviceCredentials.keys(key('p'), key('x')))).isFalse();
        assertThat(keys.matches(DeviceCredentials.keys(key('s'), key('p')))).isFalse();
    }

    @Test
    void keysAreBase64Of16To64Bytes() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        String sixtyFive = Base64.getEncoder().encodeToString(new byte[65]);

        assertThat(new EnrollmentKeys(sixteen, Base64.getEncoder().encodeToString(new byte[64])).primaryKey()).isEqualTo(sixteen);
        assertThatThrownBy(() -> new EnrollmentKeys(Base64.getEncoder().encodeToString(new byte[15]), sixteen))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primaryKey");
        assertThatThrownBy(() -> new EnrollmentKeys(sixteen, sixtyFive))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secondaryKey");
        assertThatThrownBy(() -> new EnrollmentKeys("not base64!", sixteen))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not base64!");
    }

    @Test
    void neverPrintsAKey() {
        assertThat(keys.toString()).doesNotContain(key('p')).doesNotContain(key('s'));
    }
}
