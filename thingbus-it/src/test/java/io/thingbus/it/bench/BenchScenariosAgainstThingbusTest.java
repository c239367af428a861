package io.thingbus.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.server.ServerConfig;
import io.thingbus.server.ThingbusServer;
import io.thingbus.sim.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every `thingbus bench` scenario, tiny and about a second long, against a whole hub in this JVM,
 * so the scenarios and the hub cannot drift apart. Checks that each runs to its end and passes;
 * never how fast (the full runs are in docs/benchmarks.md).
 */
@Tag("smoke")
class BenchScenariosAgainstThingbusTest {

    @TempDir
    static Path dataDir;

    /** The bench logs in as the admin service principal, as bench/compare.sh does. */
    private static final String ADMIN_TOKEN = "bench-" + "0123456789abcdef".repeat(2);

    private static ThingbusServer hub;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startHub() throws InterruptedException {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        hub = ThingbusServer.start(config.withApi(config.api().withAdminToken(ADMIN_TOKEN)));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void fanInAtQos1ToAPersistentConsumer() {
        run("fanin", "--mqtt-version", "5", "--qos", "1", "--publishers", "3", "--rate", "50",
                "--consumers", "1", "--session-expiry", "60");
    }

    @Test
    void fanInAtQos0SharedByTwoConsumers() {
        run("fanin", "--qos", "0", "--publishers", "3", "--rate", "50", "--consumers", "2");
    }

    @Test
    void fanOutAtQos2() {
        run("fanout", "--mqtt-version", "5", "--qos", "2", "--subscribers", "4", "--rate", "20");
    }

    @Test
    void pointToPoint() {
        run("p2p", "--pairs", "3", "--rate", "20", "--qos", "1");
    }

    @Test
    void connections() {
        run("connections", "--connections", "30", "--source-addresses", "2", "--hold", "1s", "--keep-alive", "1");
    }

    private void run(String scenario, String... options) {
        List<String> args = new ArrayList<>(List.of(scenario, "--port", Integer.toString(hub.mqttPort()), "--quiet",
                "--username", "admin", "--password", ADMIN_TOKEN));
        if (!scenario.equals("connections")) {
            args.addAll(List.of("--warmup", "0s", "--duration", "1s", "--drain", "2s"));
        }
        args.addAll(List.of(options));
        int exitCode = new CommandLine(new BenchCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));

        assertThat(exitCode).as("exit code; stdout: %s; stderr: %s", out, err).isZero();
        assertThat(out.toString()).contains(scenario + " PASSED");
    }
}
