package io.thingbus.registry.auth;

import static io.thingbus.registry.auth.HubFixture.accepted;
import static io.thingbus.registry.auth.HubFixture.connect;
import static io.thingbus.registry.auth.HubFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStatus;
import io.thingbus.testing.ManualClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubAuthenticatorSasTest {

    private static final String SDK_USER_NAME = "myhub.example.org/dev-1/?api-version=2021-04-12&DeviceClientType=iothubclient%2F1.0";

    private final HubFixture fixture = new HubFixture();
    private final Device device = fixture.device("dev-1");
    private final HubAuthenticator hub = fixture.hub(AuthConfig.DEFAULT);
    private final Instant expiry = ManualClock.START.plus(Duration.ofHours(1));

    @Test
    void acceptsATokenWithAnEncodedResourceAsTheSdksSendIt() {
        String token = SasToken.sign("myhub.example.org/devices/dev-1", device.credentials().primaryKey(), expiry);

        AuthenticationResult.Accepted accepted = accepted(hub.authenticate(connect("dev-1", SDK_USER_NAME, token)));

        assertThat(accepted.identity()).isEqualTo(ClientIdentity.device("dev-1"));
        assertThat(accepted.expires()).isEqualTo(expiry);
        assertThat(accepted.access().mayPublish("devices/dev-1/messages/events/")).isTrue();
        assertThat(accepted.access().maySubscribe(TopicFilter.parse("devices/dev-1/messages/devicebound/#"))).isTrue();
        assertThat(accepted.access().mayPublish("devices/dev-2/messages/events/")).isFalse();
    }

    @Test
    void acceptsAnUnencodedResourceWithFieldsInAnyOrderAndTheDeviceIdAsUserName() {
        String resource = "127.0.0.1/devices/dev-1";
        String se = Long.toString(expiry.getEpochSecond());
        String sig = SasToken.base64Hmac(device.credentials().primaryKey(), resource + "\n" + se);
        String token = "SharedAccessSignature se=" + se + "&skn=&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8)
                + "&sr=" + resource;

        accepted(hub.authenticate(connect("dev-1", "dev-1", token)));
        accepted(hub.authenticate(connect("dev-1", null, token)));
    }

    @Test
    void acceptsTheSecondaryKeyATrailingSlashAndAnyHost() {
        String token = SasToken.sign("other-host:8883/devices/dev-1/", device.credentials().secondaryKey(), expiry);

        accepted(hub.authenticate(connect("dev-1", SDK_USER_NAME, token)));
    }

    @Test
    void refusesAnExpiredTokenSayingSo() {
        String token = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), ManualClock.START);

        assertThat(refused(hub.authenticate(connect("dev-1", SDK_USER_NAME, token)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("token expired");
    }

    @Test
    void refusesATokenThatNamesAnotherDeviceEvenWhenSignedByThisOne() {
        fixture.device("dev-2");
        String token = SasToken.sign("h/devices/dev-2", device.credentials().primaryKey(), expiry);

        refused(hub.authenticate(connect("dev-1", SDK_USER_NAME, token)), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("dev-1", SDK_USER_NAME,
                SasToken.sign("h/devices/dev-1/modules/m", device.credentials().primaryKey(), expiry))), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("dev-1", SDK_USER_NAME,
                SasToken.sign("devices/dev-1", device.credentials().primaryKey(), expiry))), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aWrongSignatureAndAnUnknownDeviceLookAlike() {
        Device other = fixture.device("dev-2");
        String wrongKey = SasToken.sign("h/devices/dev-1", other.credentials().primaryKey(), expiry);
        String unknown = SasToken.sign("h/devices/ghost", other.credentials().primaryKey(), expiry);

        AuthenticationResult.Refused wrong = refused(hub.authenticate(connect("dev-1", SDK_USER_NAME, wrongKey)),
                ErrorCode.BAD_CREDENTIALS);
        AuthenticationResult.Refused missing = refused(hub.authenticate(connect("ghost", "ghost", unknown)),
                ErrorCode.BAD_CREDENTIALS);

        assertThat(wrong).isEqualTo(missing);
        assertThat(wrong.reason()).isEqualTo("bad user name or password");
        assertThat(ErrorCode.BAD_CREDENTIALS.mqtt3ConnectReturnCode()).isEqualTo(0x04);
    }

    @Test
    void refusesAClientIdThatIsNotTheDeviceId() {
        String token = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), expiry);

        refused(hub.authenticate(connect("someone-else", SDK_USER_NAME, token)), ErrorCode.CLIENT_ID_INVALID);
    }

    @Test
    void refusesADisabledDeviceOnlyOnceItsTokenIsGood() {
        fixture.registry.setStatus("dev-1", DeviceStatus.DISABLED);
        String good = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), expiry);
        String bad = SasToken.sign("h/devices/dev-1", fixture.device("dev-2").credentials().primaryKey(), expiry);

        assertThat(refused(hub.authenticate(connect("dev-1", SDK_USER_NAME, good)), ErrorCode.NOT_AUTHORIZED).reason())
                .isEqualTo("device disabled");
        refused(hub.authenticate(connect("dev-1", SDK_USER_NAME, bad)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void refusesAMalformedTokenWithoutEchoingIt() {
        String malformed = "SharedAccessSignature sr=h%2Fdevices%2Fdev-1&sig=c2VjcmV0LXNpZw%3D%3D&se=soon";

        AuthenticationResult.Refused refused = refused(hub.authenticate(connect("dev-1", SDK_USER_NAME, malformed)),
                ErrorCode.BAD_CREDENTIALS);

        assertThat(refused.reason()).doesNotContain("c2VjcmV0").isEqualTo("malformed shared access signature");
    }

    @Test
    void aDevicesTagsReachItsRules() {
        fixture.registry.setTags("dev-1", Map.of("site", "N3"));
        HubAuthenticator withRules = fixture.hub(AuthConfig.DEFAULT.withRules(AclRules.parse("""
                {"rules": [{"effect": "allow", "action": "publish", "topic": "sites/${tag:site}/${deviceId}", "clients": "devices"}]}""")));
        String token = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), expiry);

        AccessPolicy access = accepted(withRules.authenticate(connect("dev-1", SDK_USER_NAME, token))).access();

        assertThat(access.mayPublish("sites/N3/dev-1")).isTrue();
    }
}
