package io.thingbus.registry.auth;

import static io.thingbus.registry.auth.HubFixture.accepted;
import static io.thingbus.registry.auth.HubFixture.connect;
import static io.thingbus.registry.auth.HubFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.registry.provisioning.EnrollmentSettings;
import io.thingbus.registry.provisioning.EnrollmentStatus;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.HubEndpoints;
import io.thingbus.registry.provisioning.InMemoryEnrollmentStore;
import io.thingbus.registry.provisioning.LeastLoadedAllocator;
import io.thingbus.registry.provisioning.PartitionAllocators;
import io.thingbus.registry.provisioning.ProvisioningService;
import io.thingbus.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device connecting to register itself over MQTT (Azure DPS): its token checked by the real provisioning service. */
class HubAuthenticatorProvisioningTest {

    private static final String KEY = Base64.getEncoder().encodeToString("k".repeat(32).getBytes(StandardCharsets.US_ASCII));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("o".repeat(32).getBytes(StandardCharsets.US_ASCII));

    private final HubFixture fixture = new HubFixture();
    private final InMemoryEnrollmentStore enrollmentStore = new InMemoryEnrollmentStore();
    private final Enrollments enrollments = new Enrollments(enrollmentStore, fixture.clock, new SecureRandom());
    private final ProvisioningService provisioning = new ProvisioningService(enrollmentStore, fixture.registry,
            new PartitionAllocators(LeastLoadedAllocator.count(fixture.store, 4), AllocationPolicy.HASH),
            () -> new HubEndpoints("hub", 1883, -1, -1, -1, "/mqtt", "/$iothub/websocket"), fixture.clock);
    private final HubAuthenticator hub = new HubAuthenticator(fixture.store, fixture.gateways, fixture.principals,
            fixture.users, provisioning::verify, AuthConfig.DEFAULT, fixture.clock);
    private final Instant expiry = ManualClock.START.plus(Duration.ofHours(1));

    HubAuthenticatorProvisioningTest() {
        enrollments.createIndividual("reg-1", null, null, new EnrollmentKeys(KEY, OTHER_KEY), EnrollmentSettings.defaults());
    }

    private static String userName(String registrationId) {
        return "0ne00ABC/registrations/" + registrationId + "/api-version=2019-03-31&ClientVersion=1.6.0";
    }

    private String token(String registrationId, String key) {
        return SasToken.sign("0ne00ABC/registrations/" + registrationId, key, expiry) + "&skn=registration";
    }

    @Test
    void anEnrolledDeviceConnectsAsARegistrationThatMayOnlyProvisionItself() {
        AuthenticationResult.Accepted accepted = accepted(hub.authenticate(connect("reg-1", userName("reg-1"),
                token("reg-1", KEY))));

        assertThat(accepted.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.PROVISIONING, "reg-1"));
        assertThat(accepted.expires()).isEqualTo(expiry);
        assertThat(accepted.access().mayPublish("$dps/registrations/PUT/iotdps-register/?$rid=1")).isTrue();
        assertThat(accepted.access().maySubscribe(TopicFilter.parse("$dps/registrations/res/#"))).isTrue();
        assertThat(accepted.access().mayPublish("devices/reg-1/messages/events/")).isFalse();
        assertThat(fixture.registry.count()).as("connecting registers nothing").isZero();
        accepted(hub.authenticate(connect("reg-1", null, token("reg-1", OTHER_KEY))));
    }

    @Test
    void aWrongKeyAndAnUnknownRegistrationGetTheSameBadCredentials() {
        AuthenticationResult.Refused wrongKey = refused(hub.authenticate(connect("reg-1", userName("reg-1"),
                token("reg-1", key('z')))), ErrorCode.BAD_CREDENTIALS);
        AuthenticationResult.Refused unknown = refused(hub.authenticate(connect("reg-9", userName("reg-9"),
                token("reg-9", KEY))), ErrorCode.BAD_CREDENTIALS);

        assertThat(wrongKey.reason()).doesNotContain(KEY).isEqualTo(unknown.reason().replace("reg-9", "reg-1"));
        assertThat(ErrorCode.BAD_CREDENTIALS.mqttReasonCode()).isEqualTo(0x86);
        assertThat(ErrorCode.BAD_CREDENTIALS.mqtt3ConnectReturnCode()).isEqualTo(0x04);
    }

    @Test
    void aDisabledEnrollmentIsNotAuthorized() {
        enrollments.updateIndividual("reg-1", settings -> settings.withStatus(EnrollmentStatus.DISABLED));

        refused(hub.authenticate(connect("reg-1", userName("reg-1"), token("reg-1", KEY))), ErrorCode.NOT_AUTHORIZED);
    }

    @Test
    void theClientIdMustBeTheRegistrationIdTheTokenAndUserNameName() {
        refused(hub.authenticate(connect("reg-2", userName("reg-1"), token("reg-1", KEY))), ErrorCode.CLIENT_ID_INVALID);
        refused(hub.authenticate(connect("reg-2", null, token("reg-1", KEY))), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("a/b", null, token("a/b", KEY))), ErrorCode.CLIENT_ID_INVALID);
    }

    @Test
    void anExpiredTokenIsBadCredentials() {
        fixture.clock.advance(Duration.ofHours(2));

        refused(hub.authenticate(connect("reg-1", userName("reg-1"), token("reg-1", KEY))), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void failuresCountAgainstTheRegistrationIdNotAgainstEveryRegistration() {
        for (int i = 0; i < 10; i++) {
            hub.authenticate(connect("reg-x", userName("reg-x"), token("reg-x", KEY)));
        }

        refused(hub.authenticate(connect("reg-x", userName("reg-x"), token("reg-x", KEY))), ErrorCode.CONNECTION_RATE_EXCEEDED);
        accepted(hub.authenticate(new ClientCredentials("reg-1", userName("reg-1"),
                token("reg-1", KEY).getBytes(StandardCharsets.UTF_8), List.of(), "10.0.0.2", "mqtts")));
    }

    @Test
    void aHubWithoutProvisioningRefusesRegistrations() {
        HubAuthenticator without = fixture.hub(AuthConfig.DEFAULT);

        refused(without.authenticate(connect("reg-1", userName("reg-1"), token("reg-1", KEY))), ErrorCode.BAD_CREDENTIALS);
    }

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }
}
