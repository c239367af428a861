package io.thingbus.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.server.ServerConfig;
import io.thingbus.server.ThingbusServer;
import io.thingbus.sim.bench.BenchCommand;
import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.ResultFiles;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every `thingbus bench` scenario, tiny and about a second long, against a whole hub in this JVM,
 * so the scenarios and the hub cannot drift apart: in generic mode as the admin service principal,
 * and in device mode as members of a group enrollment created through the hub's API, registered
 * through its provisioning endpoint and connected with their own SAS tokens. Checks that each runs
 * to its end and passes; never how fast (the full runs are in docs/benchmarks.md).
 */
@Tag("smoke")
class BenchScenariosAgainstThingbusTest {

    @TempDir
    static Path dataDir;

    /** The bench logs in as the admin service principal, as bench/compare.sh does. */
    private static final String ADMIN_TOKEN = "bench-" + "0123456789abcdef".repeat(2);

    /** The group enrollment's key; each bench device derives its own from it. */
    private static final String GROUP_KEY = Base64.getEncoder().encodeToString(
            "the bench group's key: 32 bytes.".getBytes(StandardCharsets.US_ASCII));

    private static ThingbusServer hub;
    private static HttpClient http;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startHub() throws Exception {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        hub = ThingbusServer.start(config.withApi(config.api().withAdminToken(ADMIN_TOKEN)));
        http = HttpClient.newHttpClient();
        HttpResponse<String> created = api(HttpRequest.newBuilder(apiUri("/api/v1/enrollments/groups"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"groupId\": \"bench\", \"primaryKey\": \"" + GROUP_KEY
                        + "\", \"secondaryKey\": \"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopHub() {
        if (http != null) {
            http.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void fanInAtQos1ToAPersistentConsumer() throws IOException {
        run("fanin", "--mqtt-version", "5", "--qos", "1", "--publishers", "3", "--rate", "50",
                "--consumers", "1", "--session-expiry", "60");
    }

    @Test
    void fanInAtQos0SharedByTwoConsumers() throws IOException {
        run("fanin", "--qos", "0", "--publishers", "3", "--rate", "50", "--consumers", "2");
    }

    @Test
    void fanOutAtQos2() throws IOException {
        run("fanout", "--mqtt-version", "5", "--qos", "2", "--subscribers", "4", "--rate", "20");
    }

    @Test
    void pointToPoint() throws IOException {
        run("p2p", "--pairs", "3", "--rate", "20", "--qos", "1");
    }

    @Test
    void connections() throws IOException {
        run("connections", "--connections", "30", "--source-addresses", "2", "--hold", "1s", "--keep-alive", "1");
    }

    @Test
    void devicesRegisterThemselvesThenConnectWithTheirSasTokens() throws Exception {
        ScenarioResult first = run("connections", deviceMode("sas", "--connections", "20", "--hold", "1s",
                "--keep-alive", "1"));

        assertThat(first.figure("connected")).map(Figure::value).hasValue(20.0);
        assertThat(first.figure("registered")).map(Figure::value).hasValue(20.0);
        assertThat(first.figure("setup-time")).isPresent();
        assertThat(first.parameters()).containsEntry("identity", "device SAS");
        HttpResponse<String> device = api(HttpRequest.newBuilder(apiUri("/api/v1/devices/sas-c-19")).GET());
        assertThat(device.statusCode()).as(device.body()).isEqualTo(200);

        ScenarioResult again = run("connections", deviceMode("sas", "--connections", "20", "--hold", "0s"));

        assertThat(again.figure("registered")).map(Figure::value).hasValue(0.0);
        assertThat(again.figure("already-registered")).map(Figure::value).hasValue(20.0);
        assertThat(again.figure("connected")).map(Figure::value).hasValue(20.0);
    }

    @Test
    void deviceTelemetryToAServicePrincipalSharingTheSubscription() throws Exception {
        ScenarioResult result = run("telemetry", deviceMode("tele", "--devices", "5", "--rate", "100",
                "--consumers", "2", "--consumer-username", "admin", "--consumer-password", ADMIN_TOKEN));

        assertThat(result.figure("throughput")).map(Figure::value).hasValueSatisfying(
                throughput -> assertThat(throughput).isPositive());
        assertThat(result.figure("acked")).map(Figure::value).hasValueSatisfying(
                acked -> assertThat(acked).isPositive());
        assertThat(result.figure("delivered")).map(Figure::value).hasValue(100.0);
    }

    @Test
    void devicesTheHubDoesNotKnowFailTheSetupAndNothingRuns() throws Exception {
        String otherGroupKey = Base64.getEncoder().encodeToString(
                "not the key of any of the groups".getBytes(StandardCharsets.US_ASCII));
        Path json = dataDir.resolve("refused-" + System.nanoTime() + ".json");

        int exitCode = execute("connections", "--port", Integer.toString(hub.mqttPort()), "--quiet",
                "--json", json.toString(), "--sas-group-key", otherGroupKey, "--device-prefix", "stranger",
                "--provision-url", "http://127.0.0.1:" + hub.httpPort(), "--connections", "3", "--hold", "0s");

        assertThat(exitCode).as("stdout: %s; stderr: %s", out, err).isEqualTo(1);
        ScenarioResult result = new ResultFiles().read(json);
        assertThat(result.problems()).containsExactly("3 of 3 devices could not be registered (3 x HTTP 401)");
        assertThat(result.figure("connected")).isEmpty();
    }

    /** Device-mode options for devices PREFIX-ROLE-INDEX of the test's group, then {@code options}. */
    private static String[] deviceMode(String prefix, String... options) {
        List<String> args = new ArrayList<>(List.of("--sas-group-key", GROUP_KEY, "--device-prefix", prefix,
                "--provision-url", "http://127.0.0.1:" + hub.httpPort()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static URI apiUri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private static HttpResponse<String> api(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ScenarioResult run(String scenario, String... options) throws IOException {
        Path json = dataDir.resolve(scenario + "-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of(scenario, "--port", Integer.toString(hub.mqttPort()), "--quiet",
                "--json", json.toString(), "--username", "admin", "--password", ADMIN_TOKEN));
        if (!scenario.equals("connections")) {
            args.addAll(List.of("--warmup", "0s", "--duration", "1s", "--drain", "2s"));
        }
        args.addAll(List.of(options));
        int exitCode = execute(args.toArray(String[]::new));

        assertThat(exitCode).as("exit code; stdout: %s; stderr: %s", out, err).isZero();
        assertThat(out.toString()).contains(scenario + " PASSED");
        return new ResultFiles().read(json);
    }

    private int execute(String... args) {
        return new CommandLine(new BenchCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
