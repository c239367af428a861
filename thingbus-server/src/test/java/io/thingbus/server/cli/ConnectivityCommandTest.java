package io.thingbus.server.cli;

import static io.thingbus.server.cli.CliHub.block;
import static io.thingbus.server.cli.CliHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.server.cli.CliHub.Run;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thingbus device connection} and {@code thingbus connectivity events} in-process against a whole
 * hub on port 0, with devices connecting over MQTT.
 */
class ConnectivityCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private CliHub hub;

    @BeforeEach
    void start() throws InterruptedException {
        hub = CliHub.start(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void deviceConnectionSaysWhetherSinceWhenFromWhereAndWhyItEnded() {
        hub.command("device", "create", "dev-1");

        Map<String, String> never = block(hub.command("device", "connection", "dev-1").out());
        assertThat(never).containsEntry("deviceId", "dev-1").containsEntry("connectionState", "disconnected")
                .doesNotContainKeys("since", "remoteAddress");

        Mqtt5BlockingClient device = connectDevice("dev-1");
        await().atMost(WAIT).until(() -> hub.command("device", "connection", "dev-1").out().contains("connected\n")
                && !hub.command("device", "connection", "dev-1").out().contains("disconnected"));
        Run connected = hub.command("device", "connection", "dev-1");
        assertThat(connected.exitCode()).as(connected.err()).isZero();
        assertThat(block(connected.out())).containsEntry("connectionState", "connected").containsEntry("transport", "mqtt")
                .containsKeys("since", "lastActivityTime", "protocol");
        assertThat(block(connected.out()).get("remoteAddress")).startsWith("127.0.0.1");
        assertThat(connected.out()).as("values aligned after the longest key").contains("deviceId:         dev-1\n");

        device.disconnect();
        await().atMost(WAIT).until(() -> json(hub.command("device", "connection", "dev-1", "--json").out())
                .get("connectionState").asText().equals("disconnected"));
        JsonNode ended = json(hub.command("device", "connection", "dev-1", "--json").out());
        assertThat(ended.get("lastDisconnectReason").isNull()).isFalse();
        assertThat(block(hub.command("device", "connection", "dev-1").out())).containsKey("lastDisconnectReason");

        Run unknown = hub.command("device", "connection", "dev-9");
        assertThat(unknown.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(unknown.err()).isEqualTo("error: not found: no device 'dev-9'\n");
    }

    @Test
    void eventsPrintTheNewestOrThoseAfterASeq() {
        hub.command("device", "create", "dev-1");
        hub.command("device", "create", "dev-2");
        connectDevice("dev-1").disconnect();
        connectDevice("dev-2").disconnect();
        await().atMost(WAIT).until(() -> json(hub.command("connectivity", "events", "--json").out()).get("lastSeq").asLong()
                == 4);

        Run all = hub.command("connectivity", "events");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().lines().findFirst().orElseThrow())
                .matches("SEQ +TIME +EVENT +KIND +NAME +CLIENT ID +TRANSPORT +PROTOCOL +REMOTE ADDRESS +REASON");
        assertThat(all.out().lines().skip(1).map(line -> String.join(" ", Arrays.copyOf(line.split(" +"), 6))))
                .containsExactly("1 " + time(all, 1) + " connected device dev-1 dev-1",
                        "2 " + time(all, 2) + " disconnected device dev-1 dev-1",
                        "3 " + time(all, 3) + " connected device dev-2 dev-2",
                        "4 " + time(all, 4) + " disconnected device dev-2 dev-2");
        assertThat(all.err()).isEmpty();

        Run newest = hub.command("connectivity", "events", "--limit", "2");
        assertThat(newest.out().lines().skip(1).map(line -> line.split(" +")[0])).as("as tail: the newest")
                .containsExactly("3", "4");
        assertThat(newest.err()).isEmpty();

        Run after = hub.command("connectivity", "events", "--after", "1", "--limit", "2");
        assertThat(after.out().lines().skip(1).map(line -> line.split(" +")[0])).containsExactly("2", "3");
        assertThat(after.err()).isEqualTo("(more events: --after 3)\n");

        JsonNode page = json(hub.command("connectivity", "events", "--after", "2", "--json").out());
        assertThat(page.get("lastSeq").asLong()).isEqualTo(4);
        assertThat(page.get("items")).extracting(event -> event.get("seq").asLong()).containsExactly(3L, 4L);
        assertThat(page.get("items").get(0).get("name").asText()).isEqualTo("dev-2");

        assertThat(hub.command("connectivity", "events", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(hub.command("connectivity", "events", "--after", "-1").exitCode()).isEqualTo(2);
    }

    @Test
    void followPrintsNewEventsAsTheyComeUntilInterrupted() throws Exception {
        hub.command("device", "create", "dev-1");
        hub.command("device", "create", "dev-2");
        connectDevice("dev-1").disconnect();
        await().atMost(WAIT).until(() -> hub.command("connectivity", "events").out().lines().count() == 3);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Thread> runner = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            runner.complete(Thread.currentThread());
            return hub.run(out, err, hub.withDataDir("connectivity", "events", "--follow", "--limit", "1"));
        }, runnable -> new Thread(runnable, "follow").start());

        await().atMost(WAIT).until(() -> out.toString().lines().count() == 2);
        assertThat(out.toString().lines().skip(1).findFirst().orElseThrow()).startsWith("2 ").contains(" disconnected ");
        Mqtt5BlockingClient device = connectDevice("dev-2");
        await().atMost(WAIT).until(() -> out.toString().contains(" connected ") && out.toString().contains("dev-2"));
        device.disconnect();
        await().atMost(WAIT).until(() -> out.toString().lines().count() == 4);
        assertThat(out.toString().lines().skip(1).map(line -> line.split(" +")[0])).containsExactly("2", "3", "4");
        assertThat(out.toString().lines().filter(line -> line.startsWith("SEQ"))).as("one header").hasSize(1);

        runner.get().interrupt();
        assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    @Test
    void followWithJsonPrintsOneEventALineAndEndsWhenTheHubGoesAway() throws Exception {
        hub.command("device", "create", "dev-1");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> hub.run(out, err, hub.withDataDir("connectivity", "events", "--follow", "--json")),
                runnable -> new Thread(runnable, "follow").start());

        connectDevice("dev-1").disconnect();
        await().atMost(WAIT).until(() -> out.toString().lines().count() == 2);
        assertThat(out.toString().lines().map(line -> json(line).get("type").asText()))
                .containsExactly("connected", "disconnected");

        hub.close();
        assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ErrorCode.SERVER_UNAVAILABLE.cliExitCode());
        assertThat(err.toString()).startsWith("error: ");
    }

    @Test
    void aReaderMayWatchAndAnUnknownTokenMayNot() {
        hub.command("device", "create", "dev-1");
        hub.environment.put("THINGBUS_TOKEN", hub.token("reader"));

        assertThat(hub.command("device", "connection", "dev-1").exitCode()).isZero();
        assertThat(hub.command("connectivity", "events").exitCode()).isZero();

        hub.environment.put("THINGBUS_TOKEN", "tb_unknown");
        Run refused = hub.command("connectivity", "events");
        assertThat(refused.exitCode()).isEqualTo(ErrorCode.INVALID_TOKEN.cliExitCode());
        assertThat(refused.err()).startsWith("error: invalid token: ");
    }

    /** The TIME cell of event {@code seq} in a table, for comparing the rest of its row. */
    private static String time(Run run, int seq) {
        return run.out().lines().filter(line -> line.startsWith(seq + " ")).findFirst().orElseThrow().split(" +")[1];
    }

    /** A device connected over MQTT 5 with a SAS token of its primary key, as a device SDK would. */
    private Mqtt5BlockingClient connectDevice(String deviceId) {
        String key = json(hub.command("device", "show", deviceId, "--json").out()).get("primaryKey").asText();
        String token = SasToken.sign("localhost/devices/" + deviceId, key, Instant.now().plusSeconds(600));
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(deviceId).serverHost("127.0.0.1")
                .serverPort(hub.mqttPort()).buildBlocking();
        client.connectWith().simpleAuth().username("localhost/" + deviceId + "/?api-version=2021-04-12")
                .password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        return client;
    }
}
