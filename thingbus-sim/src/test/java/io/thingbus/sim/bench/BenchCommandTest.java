package io.thingbus.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Usage handling; no broker is ever contacted here. */
class BenchCommandTest {

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

    @Test
    void aScenarioIsRequired() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing scenario");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connections", "fanin", "fanout", "p2p", "compare"})
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
