package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SasTokenTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aSignedTokenVerifiesWithItsKeyOnly() {
        String token = SasToken.sign("myhub/devices/dev-1", KEY, Instant.ofEpochSecond(2_000_000_000L));

        SasToken parsed = SasToken.parse(token);

        assertThat(parsed.resource()).isEqualTo("myhub/devices/dev-1");
        assertThat(parsed.rawResource()).isEqualTo("myhub%2Fdevices%2Fdev-1");
        assertThat(parsed.expiry()).isEqualTo(2_000_000_000L);
        assertThat(parsed.isSignedWith(KEY)).isTrue();
        assertThat(parsed.isSignedWith(OTHER_KEY)).isFalse();
    }

    @Test
    void theSignatureIsCheckedOverTheResourceAsSentWhenItIsNotEncoded() {
        String signature = SasToken.base64Hmac(KEY, "myhub/devices/dev-1\n2000000000");
        String token = "SharedAccessSignature se=2000000000&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "&sr=myhub/devices/dev-1";

        SasToken parsed = SasToken.parse(token);

        assertThat(parsed.resource()).isEqualTo("myhub/devices/dev-1");
        assertThat(parsed.isSignedWith(KEY)).isTrue();
    }

    @Test
    void aTokenWhoseResourceWasChangedAfterSigningFails() {
        String token = SasToken.sign("myhub/devices/dev-1", KEY, Instant.ofEpochSecond(2_000_000_000L));

        SasToken forged = SasToken.parse(token.replace("dev-1", "dev-2"));

        assertThat(forged.resource()).isEqualTo("myhub/devices/dev-2");
        assertThat(forged.isSignedWith(KEY)).isFalse();
    }

    @Test
    void expiryIsTheFirstSecondNoLongerValid() {
        SasToken token = SasToken.parse(SasToken.sign("h/devices/d", KEY, Instant.ofEpochSecond(100)));

        assertThat(token.isExpired(Instant.ofEpochSecond(99))).isFalse();
        assertThat(token.isExpired(Instant.ofEpochSecond(100))).isTrue();
    }

    @Test
    void malformedTokensAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> SasToken.parse("Bearer abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&se=1"))
                .hasMessageContaining("needs sr, sig and se");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=secret&se=soon"))
                .hasMessageContaining("seconds").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesTheSignature() {
        SasToken token = SasToken.parse(SasToken.sign("h/devices/d", KEY, Instant.ofEpochSecond(100)));

        assertThat(token.toString()).doesNotContain(token.signature());
    }

    @Test
    void theDeviceATokenNamesIsReadFromItsResource() {
        assertThat(SasToken.parse(SasToken.sign("hub.example.org/devices/pump-1", KEY, Instant.ofEpochSecond(100)))
                .deviceId()).isEqualTo("pump-1");
        assertThat(SasToken.parse(SasToken.sign("hub/devices/pump-1/", KEY, Instant.ofEpochSecond(100))).deviceId())
                .as("a trailing slash").isEqualTo("pump-1");
        assertThat(SasToken.parse(SasToken.sign("scope/registrations/r", KEY, Instant.ofEpochSecond(100))).deviceId())
                .isNull();
        assertThat(SasToken.parse(SasToken.sign("hub/devices/", KEY, Instant.ofEpochSecond(100))).deviceId()).isNull();
        assertThat(SasToken.parse(SasToken.sign("devices/pump-1", KEY, Instant.ofEpochSecond(100))).deviceId())
                .as("no host").isNull();
    }
}
