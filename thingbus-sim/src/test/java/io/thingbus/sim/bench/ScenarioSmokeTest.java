package io.thingbus.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.ResultFiles;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Every scenario, tiny and about a second long, through the command line against a real broker
 * (Debian's mosquitto for now). Checks that each runs to its end and reports; never how fast.
 */
@Tag("smoke")
class ScenarioSmokeTest {

    @TempDir
    static Path directory;

    private static MosquittoBroker broker;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() throws IOException {
        broker = MosquittoBroker.start(directory);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "MQTT {0}, QoS {1}")
    @CsvSource({"3, 0", "5, 1", "3, 2"})
    void fanIn(int mqttVersion, int qos) throws IOException {
        ScenarioResult result = run("fanin", "--mqtt-version", Integer.toString(mqttVersion),
                "--qos", Integer.toString(qos), "--publishers", "3", "--rate", "50", "--consumers", "2");

        assertDelivered(result, "throughput");
        assertThat(result.figure("p99")).isPresent();
    }

    @ParameterizedTest(name = "MQTT {0}, QoS {1}")
    @CsvSource({"5, 0", "3, 1", "5, 2"})
    void fanOut(int mqttVersion, int qos) throws IOException {
        ScenarioResult result = run("fanout", "--mqtt-version", Integer.toString(mqttVersion),
                "--qos", Integer.toString(qos), "--subscribers", "4", "--rate", "20");

        assertDelivered(result, "deliveries");
        assertThat(result.figure("last-delivery-p99")).isPresent();
    }

    @Test
    void pointToPoint() throws IOException {
        ScenarioResult result = run("p2p", "--pairs", "3", "--rate", "20", "--qos", "1");

        assertDelivered(result, "throughput");
    }

    @Test
    void telemetryInGenericModeReportsTheAcknowledgedRate() throws IOException {
        ScenarioResult result = run("telemetry", "--devices", "4", "--rate", "100", "--consumers", "2");

        assertDelivered(result, "throughput");
        assertThat(result.figure("acked")).map(Figure::value).hasValueSatisfying(
                value -> assertThat(value).isPositive());
        assertThat(result.parameters()).containsEntry("qos", "1").doesNotContainKey("identity");
    }

    @Test
    void connectionsFromSeveralSourceAddresses() throws IOException {
        ScenarioResult result = run("connections", "--connections", "30", "--source-addresses", "3",
                "--hold", "1s", "--keep-alive", "1", "--broker-pid", Long.toString(broker.pid()));

        assertThat(result.passed()).as(result.problems().toString()).isTrue();
        assertThat(result.figure("connected")).map(Figure::value).hasValue(30.0);
        assertThat(result.figure("failed")).map(Figure::value).hasValue(0.0);
        assertThat(result.figure("connect-rate")).isPresent();
        assertThat(result.figure("memory-per-connection")).isPresent();
    }

    @Test
    void compareTwoRuns() throws IOException {
        runTo(directory.resolve("first.json"), "p2p", "--pairs", "1", "--rate", "10");
        runTo(directory.resolve("second.json"), "p2p", "--pairs", "1", "--rate", "10");

        int exitCode = execute("compare", "first=" + directory.resolve("first.json"),
                "second=" + directory.resolve("second.json"));

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString()).contains("p2p: first vs second", "throughput [msg/s]", "higher is better");
    }

    @Test
    void aBrokerThatIsNotThereFailsTheRun() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        int exitCode = execute("p2p", "--port", Integer.toString(closedPort), "--pairs", "1", "--quiet",
                "--ready-timeout", "1s", "--duration", "1s");

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).contains("p2p FAILED", "failed to connect");
    }

    private ScenarioResult run(String scenario, String... options) throws IOException {
        return runTo(directory.resolve(scenario + "-" + System.nanoTime() + ".json"), scenario, options);
    }

    private ScenarioResult runTo(Path json, String scenario, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(scenario, "--port", Integer.toString(broker.port()),
                "--json", json.toString()));
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

    private static void assertDelivered(ScenarioResult result, String throughputFigure) {
        assertThat(result.passed()).as(result.problems().toString()).isTrue();
        assertThat(result.figure(throughputFigure)).map(Figure::value).hasValueSatisfying(
                value -> assertThat(value).isPositive());
        assertThat(result.figure("delivered")).isPresent();
    }
}
