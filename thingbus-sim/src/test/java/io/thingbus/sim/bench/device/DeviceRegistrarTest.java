package io.thingbus.sim.bench.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.SharedCredentials;
import io.thingbus.sim.bench.load.ProgressPrinter;
import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.SetupReport;
import io.thingbus.sim.bench.scenario.IdentitySetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceRegistrarTest {

    private static final String SCOPE = "bench";
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

    private final GroupKey groupKey = new GroupKey(GroupKeyTest.GROUP_KEY);
    private final DeviceSigner signer = new DeviceSigner(groupKey, "localhost", EXPIRY);
    private final StringWriter progressLines = new StringWriter();
    private final ProgressPrinter progress = new ProgressPrinter(new PrintWriter(progressLines), true);
    private StubProvisioningHub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void registersEveryDeviceAtMostConcurrencyAtATimeAndCountsEarlierOnesAsPresent() throws IOException {
        hub = new StubProvisioningHub(groupKey, SCOPE);
        DeviceFleet fleet = new DeviceFleet("bench", ClientRole.IDLE, 40);
        hub.registeredBefore(Set.of("bench-c-0", "bench-c-39"));

        RegistrationOutcome outcome = new DeviceRegistrar(hub.url(), SCOPE, signer, 3)
                .registerAll(fleet.deviceIds(), progress);

        assertThat(outcome.registered()).isEqualTo(38);
        assertThat(outcome.alreadyRegistered()).isEqualTo(2);
        assertThat(outcome.failed()).isZero();
        assertThat(outcome.failureCauses()).isEmpty();
        assertThat(hub.registered()).containsExactlyInAnyOrderElementsOf(fleet.deviceIds());
        assertThat(hub.requests()).isEqualTo(40);
        assertThat(hub.mostInFlight()).isBetween(1, 3);
    }

    @Test
    void theSetupSignsRegistersAndReportsHowLongItTook() throws IOException {
        hub = new StubProvisioningHub(groupKey, SCOPE);
        DeviceSetup setup = new DeviceSetup(List.of(new DeviceFleet("bench", ClientRole.PUBLISHER, 10)), signer,
                new SharedCredentials("tb", "admin", "token"),
                Optional.of(new DeviceRegistrar(hub.url(), SCOPE, signer, 4)));

        IdentitySetup.Prepared prepared = setup.prepare(progress);

        SetupReport report = prepared.report();
        assertThat(report.passed()).isTrue();
        assertThat(report.parameters()).containsEntry("identity", "device SAS").containsEntry("devicePrefix", "bench");
        assertThat(report.figures()).extracting(Figure::name)
                .containsExactly("registered", "already-registered", "registration-failed", "setup-time",
                        "registration-rate");
        assertThat(report.figures().getFirst().value()).isEqualTo(10);
        assertThat(prepared.identities().identityFor(ClientRole.PUBLISHER, 9).clientId()).isEqualTo("bench-p-9");
        assertThat(progressLines.toString()).contains("signed 10 device tokens", "registered 10 devices");
    }

    @Test
    void devicesTheHubRefusesFailTheSetupWithTheirCause() throws IOException {
        hub = new StubProvisioningHub(groupKey, SCOPE);
        GroupKey wrongKey = new GroupKey(Base64.getEncoder().encodeToString(new byte[32]));
        DeviceSigner wrongSigner = new DeviceSigner(wrongKey, "localhost", EXPIRY);
        DeviceSetup setup = new DeviceSetup(List.of(new DeviceFleet("bench", ClientRole.IDLE, 3)), wrongSigner,
                new SharedCredentials("tb", null, null),
                Optional.of(new DeviceRegistrar(hub.url(), SCOPE, wrongSigner, 2)));

        SetupReport report = setup.prepare(progress).report();

        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).containsExactly("3 of 3 devices could not be registered (3 x HTTP 401)");
        assertThat(hub.registered()).isEmpty();
    }

    @Test
    void aHubThatIsNotThereIsAFailureNotAHang() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RegistrationOutcome outcome = new DeviceRegistrar(URI.create("http://127.0.0.1:" + closedPort), SCOPE, signer, 2)
                .registerAll(List.of("bench-c-0", "bench-c-1"), progress);

        assertThat(outcome.failed()).isEqualTo(2);
        assertThat(outcome.describeFailures()).contains("ConnectException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080", "http://127.0.0.2"})
    void theHubIsOnLoopback(String url) {
        assertThat(DeviceRegistrar.loopbackUrl(url).getPath()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:8080", "https://127.0.0.1:8443", "http://127.0.0.1:8080/api/v1",
        "http://hub.example.org:8080", "127.0.0.1:8080", "http://127.0.0.1:8080?x=1"})
    void anythingElseIsRefused(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> DeviceRegistrar.loopbackUrl(url));
    }

    @Test
    void theScopeIsOnePathSegmentAndConcurrencyIsBounded() {
        URI hubUrl = URI.create("http://127.0.0.1:8080");
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceRegistrar(hubUrl, "a/b", signer, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceRegistrar(hubUrl, SCOPE, signer, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeviceRegistrar(hubUrl, SCOPE, signer, 257));
    }
}
