package io.thingbus.registry.auth;

import static io.thingbus.registry.auth.HubFixture.accepted;
import static io.thingbus.registry.auth.HubFixture.connect;
import static io.thingbus.registry.auth.HubFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.Device;
import io.thingbus.registry.IssuedToken;
import io.thingbus.registry.Role;
import io.thingbus.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubAuthenticatorTest {

    private final HubFixture fixture = new HubFixture();
    private final HubAuthenticator hub = fixture.hub(AuthConfig.DEFAULT);

    @Test
    void aServicePrincipalLogsInWithItsApiToken() {
        IssuedToken ingest = fixture.principals.create("ingest", Role.OPERATOR);
        IssuedToken viewer = fixture.principals.create("viewer", Role.READER);

        AuthenticationResult.Accepted operator = accepted(hub.authenticate(connect("ingest-1", "ingest", ingest.token())));
        AuthenticationResult.Accepted reader = accepted(hub.authenticate(connect("viewer-1", "viewer", viewer.token())));

        assertThat(operator.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.SERVICE, "ingest"));
        assertThat(operator.expires()).isNull();
        assertThat(operator.access().maySubscribe(TopicFilter.parse("$share/ingest/devices/+/messages/events/#"))).isTrue();
        assertThat(operator.access().mayPublish("devices/d/messages/devicebound/")).isTrue();
        assertThat(operator.access().mayPublish("devices/d/messages/events/")).isFalse();
        assertThat(reader.access().mayPublish("alerts/x")).isFalse();
        assertThat(reader.access().maySubscribe(TopicFilter.parse("#"))).isTrue();
    }

    @Test
    void aConfiguredAdminTokenWithoutTheHubsPrefixLogsInAsItsPrincipal() {
        String configured = "set-by-THINGBUS_ADMIN_TOKEN-0123456789abcdef";
        fixture.principals.put("admin", Role.ADMIN, configured);

        AuthenticationResult.Accepted admin = accepted(hub.authenticate(connect("ops", "admin", configured)));

        assertThat(admin.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.SERVICE, "admin"));
        refused(hub.authenticate(connect("ops", "admin", "not-the-admin-token")), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aServiceTokenMustComeWithItsPrincipalsName() {
        IssuedToken ingest = fixture.principals.create("ingest", Role.OPERATOR);
        fixture.principals.create("other", Role.ADMIN);

        refused(hub.authenticate(connect("c", "other", ingest.token())), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("c", null, ingest.token())), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("c", "ingest", fixture.principals.generateToken())), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aUserLogsInWithItsPasswordAndHasTheRulesForUsers() {
        fixture.users.create("alice", "correct horse");
        HubAuthenticator withRules = fixture.hub(AuthConfig.DEFAULT.withRules(AclRules.parse("""
                {"rules": [{"effect": "allow", "action": "all", "topic": "home/${username}/#", "clients": "users"}]}""")));

        AuthenticationResult.Accepted alice = accepted(withRules.authenticate(connect("phone", "alice", "correct horse")));

        assertThat(alice.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.USER, "alice"));
        assertThat(alice.access().mayPublish("home/alice/lights")).isTrue();
        assertThat(alice.access().mayPublish("home/bob/lights")).isFalse();
        assertThat(alice.access().mayPublish("devices/d/messages/events/")).isFalse();
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAPasswordWithoutNameAreBadCredentials() {
        fixture.users.create("alice", "correct horse");

        AuthenticationResult.Refused wrong = refused(hub.authenticate(connect("c", "alice", "wrong horse")),
                ErrorCode.BAD_CREDENTIALS);
        AuthenticationResult.Refused unknown = refused(hub.authenticate(connect("c", "mallory", "correct horse")),
                ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("c", null, "correct horse")), ErrorCode.BAD_CREDENTIALS);

        assertThat(wrong).isEqualTo(unknown);
        assertThat(wrong.reason()).doesNotContain("horse");
    }

    @Test
    void anonymousClientsAreNotAuthorizedUnlessAllowed() {
        AuthenticationResult.Refused refused = refused(hub.authenticate(connect("c", null, null)), ErrorCode.NOT_AUTHORIZED);
        assertThat(refused.reason()).isEqualTo("credentials required");
        assertThat(ErrorCode.NOT_AUTHORIZED.mqttReasonCode()).isEqualTo(0x87);
        assertThat(ErrorCode.NOT_AUTHORIZED.mqtt3ConnectReturnCode()).isEqualTo(0x05);

        HubAuthenticator open = fixture.hub(AuthConfig.DEFAULT.withAllowAnonymous(true).withRules(AclRules.parse("""
                {"rules": [{"effect": "allow", "action": "all", "topic": "#", "clients": "anonymous"}]}""")));
        AuthenticationResult.Accepted guest = accepted(open.authenticate(connect("guest-1", "just-a-name", null)));

        assertThat(guest.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.ANONYMOUS, "guest-1"));
        assertThat(guest.access().mayPublish("lobby/hello")).isTrue();
        assertThat(guest.access().mayPublish("devices/d/messages/events/")).isFalse();
        assertThat(guest.access().maySubscribe(TopicFilter.parse("$iothub/#"))).isFalse();
    }

    @Test
    void anAddressThatFailsTooOftenIsRefusedBeforeItsCredentialsAreChecked() {
        Device device = fixture.device("dev-1");
        String good = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), ManualClock.START.plusSeconds(3600));
        for (int i = 0; i < FailureLimits.DEFAULT.maxFailures(); i++) {
            refused(hub.authenticate(connect("guess-" + i, "guess-" + i, "password " + i, List.of(), "10.6.6.6")),
                    ErrorCode.BAD_CREDENTIALS);
        }

        AuthenticationResult.Refused limited = refused(hub.authenticate(connect("dev-1", "dev-1", good, List.of(), "10.6.6.6")),
                ErrorCode.CONNECTION_RATE_EXCEEDED);
        accepted(hub.authenticate(connect("dev-1", "dev-1", good, List.of(), "10.0.0.7")));

        assertThat(limited.reason()).isEqualTo("too many failed attempts, try again later");
        assertThat(ErrorCode.CONNECTION_RATE_EXCEEDED.mqttReasonCode()).isEqualTo(0x9F);
        assertThat(ErrorCode.CONNECTION_RATE_EXCEEDED.mqtt3ConnectReturnCode()).isEqualTo(0x03);

        fixture.clock.advance(Duration.ofMinutes(1));
        accepted(hub.authenticate(connect("dev-1", "dev-1", good, List.of(), "10.6.6.6")));
    }

    @Test
    void aDeviceIdGuessedFromManyAddressesIsBlockedAndSuccessElsewhereResetsNothing() {
        Device device = fixture.device("dev-1");
        Instant expiry = ManualClock.START.plusSeconds(3600);
        String good = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), expiry);
        String bad = SasToken.sign("h/devices/dev-1", fixture.device("dev-3").credentials().primaryKey(), expiry);
        for (int i = 0; i < FailureLimits.DEFAULT.maxFailures(); i++) {
            refused(hub.authenticate(connect("dev-1", "dev-1", bad, List.of(), "10.1.0." + i)), ErrorCode.BAD_CREDENTIALS);
        }

        refused(hub.authenticate(connect("dev-1", "dev-1", good, List.of(), "10.2.0.1")), ErrorCode.CONNECTION_RATE_EXCEEDED);

        fixture.device("dev-2");
        accepted(hub.authenticate(connect("dev-2", "dev-2",
                SasToken.sign("h/devices/dev-2", fixture.registry.require("dev-2").credentials().primaryKey(), expiry),
                List.of(), "10.1.0.0")));
        refused(hub.authenticate(connect("dev-1", "dev-1", good, List.of(), "10.2.0.1")), ErrorCode.CONNECTION_RATE_EXCEEDED);
    }

    @Test
    void aGatewayAuthenticatedBeforeItsChildExistedActsForItOnceRegistered() {
        Device gateway = fixture.device("gw");
        String token = SasToken.sign("h/devices/gw", gateway.credentials().primaryKey(), ManualClock.START.plusSeconds(3600));
        AccessPolicy access = accepted(hub.authenticate(connect("gw", "h/gw/?api-version=2021-04-12", token))).access();
        assertThat(access.mayPublish("devices/badge-7/messages/events/")).isFalse();

        fixture.registry.create("badge-7", Map.of(), "gw", -1);

        assertThat(access.mayPublish("devices/badge-7/messages/events/")).isTrue();
        assertThat(access.maySubscribe(TopicFilter.parse("devices/badge-7/messages/devicebound/#"))).isTrue();
    }
}
