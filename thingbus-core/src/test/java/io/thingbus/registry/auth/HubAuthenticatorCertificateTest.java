package io.thingbus.registry.auth;

import static io.thingbus.registry.auth.HubFixture.accepted;
import static io.thingbus.registry.auth.HubFixture.connect;
import static io.thingbus.registry.auth.HubFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStatus;
import io.thingbus.testing.ManualClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubAuthenticatorCertificateTest {

    private static final String USER_NAME = "myhub/dev-1/?api-version=2021-04-12";
    private static final Instant NOT_BEFORE = ManualClock.START.minus(Duration.ofDays(1));
    private static final Instant NOT_AFTER = ManualClock.START.plus(Duration.ofDays(30));

    private final HubFixture fixture = new HubFixture();
    private final TestPki.Issued root = TestPki.rootCa("CN=Fleet Root", ManualClock.START);
    private final TestPki.Issued intermediate = TestPki.intermediateCa("CN=Fleet Intermediate", root, ManualClock.START);
    private final HubAuthenticator hub = fixture.hub(AuthConfig.DEFAULT.withTrustedCas(List.of(root.certificate())));

    HubAuthenticatorCertificateTest() {
        fixture.device("dev-1");
    }

    @Test
    void acceptsACertificateWhoseThumbprintIsRegistered() {
        X509Certificate own = TestPki.selfSigned("anything", NOT_BEFORE, NOT_AFTER).certificate();
        fixture.registry.setThumbprints("dev-1", CertificateAuthentication.thumbprint(own), null);

        AuthenticationResult.Accepted accepted = accepted(hub.authenticate(chain(USER_NAME, own)));

        assertThat(accepted.identity()).isEqualTo(ClientIdentity.device("dev-1"));
        assertThat(accepted.expires()).isEqualTo(own.getNotAfter().toInstant());
        assertThat(accepted.access().mayPublish("devices/dev-1/messages/events/")).isTrue();
    }

    @Test
    void acceptsTheSecondaryThumbprintInLowerCaseAndTheClientIdWithoutAUserName() {
        X509Certificate own = TestPki.selfSigned("dev-1", NOT_BEFORE, NOT_AFTER).certificate();
        fixture.registry.setThumbprints("dev-1", "00", CertificateAuthentication.thumbprint(own).toLowerCase());

        accepted(hub.authenticate(chain(null, own)));
    }

    @Test
    void refusesAnUnregisteredCertificateThatNoTrustedCaIssued() {
        X509Certificate stranger = TestPki.selfSigned("dev-1", NOT_BEFORE, NOT_AFTER).certificate();

        refused(hub.authenticate(chain(USER_NAME, stranger)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void acceptsAChainToATrustedCaWhoseLeafNamesTheDevice() {
        TestPki.Issued leaf = TestPki.leaf("dev-1", intermediate, NOT_BEFORE, NOT_AFTER);

        accepted(hub.authenticate(chain(USER_NAME, leaf.certificate(), intermediate.certificate())));
        accepted(hub.authenticate(chain(USER_NAME, leaf.certificate(), intermediate.certificate(), root.certificate())));
    }

    @Test
    void refusesAChainWhoseLeafNamesAnotherDevice() {
        fixture.device("dev-2");
        TestPki.Issued leaf = TestPki.leaf("dev-2", intermediate, NOT_BEFORE, NOT_AFTER);

        refused(hub.authenticate(chain(USER_NAME, leaf.certificate(), intermediate.certificate())), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void refusesAChainToAnUntrustedCaOrWithoutItsIntermediate() {
        TestPki.Issued otherRoot = TestPki.rootCa("CN=Fleet Root", ManualClock.START);
        TestPki.Issued forged = TestPki.leaf("dev-1", otherRoot, NOT_BEFORE, NOT_AFTER);
        TestPki.Issued leaf = TestPki.leaf("dev-1", intermediate, NOT_BEFORE, NOT_AFTER);

        refused(hub.authenticate(chain(USER_NAME, forged.certificate())), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(chain(USER_NAME, leaf.certificate())), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void checksValidityDatesAgainstTheClock() {
        TestPki.Issued leaf = TestPki.leaf("dev-1", intermediate, NOT_BEFORE, NOT_AFTER);
        TestPki.Issued future = TestPki.leaf("dev-1", intermediate, ManualClock.START.plus(Duration.ofDays(1)), NOT_AFTER);

        assertThat(refused(hub.authenticate(chain(USER_NAME, future.certificate(), intermediate.certificate())),
                ErrorCode.BAD_CREDENTIALS).reason()).isEqualTo("certificate not yet valid");

        fixture.clock.advance(Duration.ofDays(31));
        assertThat(refused(hub.authenticate(chain(USER_NAME, leaf.certificate(), intermediate.certificate())),
                ErrorCode.BAD_CREDENTIALS).reason()).isEqualTo("certificate expired");
    }

    @Test
    void refusesADisabledDeviceAndAClientIdThatIsNotTheDevice() {
        TestPki.Issued leaf = TestPki.leaf("dev-1", intermediate, NOT_BEFORE, NOT_AFTER);

        refused(hub.authenticate(connect("dev-x", USER_NAME, null, List.of(leaf.certificate(), intermediate.certificate()),
                "10.0.0.1")), ErrorCode.CLIENT_ID_INVALID);

        fixture.registry.setStatus("dev-1", DeviceStatus.DISABLED);
        refused(hub.authenticate(chain(USER_NAME, leaf.certificate(), intermediate.certificate())), ErrorCode.NOT_AUTHORIZED);
    }

    @Test
    void anUnknownDeviceLooksLikeABadCertificate() {
        TestPki.Issued ghost = TestPki.leaf("ghost", intermediate, NOT_BEFORE, NOT_AFTER);
        X509Certificate stranger = TestPki.selfSigned("dev-1", NOT_BEFORE, NOT_AFTER).certificate();

        AuthenticationResult unknown = hub.authenticate(connect("ghost", "ghost", null,
                List.of(ghost.certificate(), intermediate.certificate()), "10.0.0.2"));
        AuthenticationResult badCertificate = hub.authenticate(chain(USER_NAME, stranger));

        assertThat(unknown).isEqualTo(badCertificate);
    }

    @Test
    void aSasTokenWinsOverACertificate() {
        Device device = fixture.registry.require("dev-1");
        X509Certificate stranger = TestPki.selfSigned("dev-1", NOT_BEFORE, NOT_AFTER).certificate();
        String token = SasToken.sign("h/devices/dev-1", device.credentials().primaryKey(), NOT_AFTER);

        accepted(hub.authenticate(connect("dev-1", USER_NAME, token, List.of(stranger), "10.0.0.1")));
    }

    @Test
    void refusesAClientCaThatIsNoCa() {
        X509Certificate leaf = TestPki.selfSigned("dev-1", NOT_BEFORE, NOT_AFTER).certificate();

        assertThatThrownBy(() -> AuthConfig.DEFAULT.withTrustedCas(List.of(leaf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CA certificate");
    }

    private static ClientCredentials chain(String username, X509Certificate... certificates) {
        return connect("dev-1", username, null, List.of(certificates), "10.0.0.1");
    }
}
