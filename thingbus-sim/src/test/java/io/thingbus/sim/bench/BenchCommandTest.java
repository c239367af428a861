package io.thingbus.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Usage handling; no broker is ever contacted here. */
class BenchCommandTest {

    private static final String GROUP_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SHORT_KEY = Base64.getEncoder().encodeToString(new byte[8]);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void refusesNonLoopbackTargetsAsBadUsage() {
        assertThat(run("fanin", "--host", "192.168.1.10")).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to target 192.168.1.10", "loopback");
    }

    @Test
    void refusesHostNamesWithoutLookingThemUp() {
        assertThat(run("connections", "--host", "broker.example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("IP address or localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--qos=3", "--payload-size=8", "--mqtt-version=4", "--rate=0", "--publishers=0",
        "--duration=0s", "--transport=carrier-pigeon", "--warmup=soon"})
    void refusesBadValuesAsBadUsage(String option) {
        assertThat(run("fanin", option)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--devices=0", "--rate=0", "--consumers=0", "--qos=3", "--payload-size=8"})
    void telemetryRefusesBadValuesAsBadUsage(String option) {
        assertThat(run("telemetry", option)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"connections", "telemetry"})
    void deviceModeRefusesBadValuesBeforeContactingAnything(String scenario) {
        assertThat(run(scenario, "--sas-group-key", "not base64!")).isEqualTo(2);
        assertThat(err.toString()).contains("--sas-group-key must be base64");
        assertThat(run(scenario, "--sas-group-key", SHORT_KEY)).isEqualTo(2);
        assertThat(err.toString()).contains("16 to 64 bytes, was 8");
        assertThat(run(scenario, "--sas-group-key", GROUP_KEY, "--device-prefix", "a/b")).isEqualTo(2);
        assertThat(err.toString()).contains("--device-prefix");
        assertThat(run(scenario, "--sas-group-key", GROUP_KEY, "--sas-hostname", "hub/x")).isEqualTo(2);
        assertThat(err.toString()).contains("--sas-hostname");
        assertThat(run(scenario, "--sas-group-key", GROUP_KEY, "--sas-validity", "0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--sas-validity must be positive");
        assertThat(run(scenario, "--sas-group-key", GROUP_KEY, "--provision-url", "http://192.168.1.10:8080"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("refusing to target 192.168.1.10");
        assertThat(run(scenario, "--sas-group-key", GROUP_KEY, "--provision-url", "http://127.0.0.1:8080",
                "--provision-concurrency", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--provision-concurrency");
        assertThat(err.toString()).doesNotContain(GROUP_KEY);
    }

    @Test
    void registeringDevicesNeedsTheirGroupKey() {
        assertThat(run("connections", "--provision-url", "http://127.0.0.1:8080")).isEqualTo(2);
        assertThat(err.toString()).contains("--provision-url registers devices: give --sas-group-key too");
    }

    @Test
    void telemetryDefaultsToQos1AndSmallPayloads() {
        assertThat(run("telemetry", "--help")).isZero();
        assertThat(out.toString()).containsPattern("--qos=0\\|1\\|2\\s+QoS of publishes and subscriptions. Default: 1.")
                .containsPattern("send-time stamp\\). Default: 64.");
    }

    @Test
    void aScenarioIsRequired() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing scenario");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connections", "fanin", "fanout", "p2p", "telemetry", "compare"})
    void everyScenarioHasHelp(String scenario) {
        assertThat(run(scenario, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: bench " + scenario);
    }

    @Test
    void compareWantsLabelledFiles() {
        assertThat(run("compare", "a.json", "b.json")).isEqualTo(2);
        assertThat(err.toString()).contains("expected LABEL=FILE");
    }

    private int run(String... args) {
        return new CommandLine(new BenchCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
