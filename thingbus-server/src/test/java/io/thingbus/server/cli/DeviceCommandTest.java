package io.thingbus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.ThingbusServer;
import io.thingbus.server.cli.client.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thingbus device ...} run in-process against a whole hub on port 0, found through its data directory. */
class DeviceCommandTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> environment = new HashMap<>();
    private ThingbusServer hub;

    /** What one command printed and how it exited. */
    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void start() throws InterruptedException {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        hub = ThingbusServer.start(config.withMqtt(config.mqtt().withTlsListeners(-1, -1)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void createPrintsTheKeysAndConnectionStringOnce() {
        Run created = device("create", "dev-1", "--tag", "zone=N3", "--tag", "floor=2");

        assertThat(created.exitCode()).as(created.err()).isZero();
        Map<String, String> block = block(created.out());
        assertThat(block).containsEntry("deviceId", "dev-1").containsEntry("status", "enabled")
                .containsEntry("tags", "floor=2, zone=N3").containsKeys("partition", "created", "primaryKey");
        assertThat(block.get("connectionString"))
                .isEqualTo("HostName=localhost;DeviceId=dev-1;SharedAccessKey=" + block.get("primaryKey"));
        assertThat(created.out()).as("values aligned after the longest key")
                .contains("deviceId:         dev-1\n", "connectionString: HostName=");
    }

    @Test
    void showAndListPrintForPeopleAndJsonAsTheApiAnswers() throws IOException {
        device("create", "gw-1");
        device("create", "badge-1", "--parent", "gw-1", "--tag", "zone=N3");

        Map<String, String> shown = block(device("show", "badge-1").out());
        assertThat(shown).containsEntry("parentId", "gw-1").containsEntry("tags", "zone=N3");

        Run list = device("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("DEVICE ID +STATUS +PARENT +PARTITION +TAGS");
        assertThat(list.out()).containsPattern("\nbadge-1 +enabled +gw-1 +\\d +zone=N3\n")
                .containsPattern("\ngw-1 +enabled +- +\\d +-\n");

        JsonNode asJson = json.readTree(device("show", "badge-1", "--json").out());
        assertThat(asJson.get("deviceId").asText()).isEqualTo("badge-1");
        assertThat(asJson.get("primaryKey").asText()).isEqualTo(shown.get("primaryKey"));
        JsonNode page = json.readTree(device("list", "--json", "--tag", "zone=N3").out());
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.has("nextCursor")).isFalse();
    }

    @Test
    void listFollowsPagesUpToTheLimit() throws IOException {
        StringBuilder csv = new StringBuilder("deviceId,tag.kind\n");
        for (int i = 0; i < 1005; i++) {
            csv.append(String.format("sensor-%04d,%s%n", i, i % 2 == 0 ? "even" : "odd"));
        }
        assertThat(device("import", write("many.csv", csv.toString()).toString()).exitCode()).isZero();

        JsonNode all = json.readTree(device("list", "--json", "--limit", "2000").out());
        assertThat(all.get("items")).hasSize(1005);
        assertThat(all.has("nextCursor")).isFalse();
        assertThat(all.get("items").get(1004).get("deviceId").asText()).isEqualTo("sensor-1004");

        Run three = device("list", "--limit", "3", "--tag", "kind=odd");
        assertThat(three.out().lines().skip(1).map(line -> line.split(" +")[0]).toList())
                .containsExactly("sensor-0001", "sensor-0003", "sensor-0005");
        assertThat(three.err()).contains("more devices");
    }

    @Test
    void disableEnableAndDelete() throws IOException {
        device("create", "dev-1");

        assertThat(device("disable", "dev-1").out()).isEqualTo("dev-1: disabled\n");
        assertThat(json.readTree(device("show", "dev-1", "--json").out()).get("status").asText()).isEqualTo("disabled");
        assertThat(json.readTree(device("enable", "dev-1", "--json").out()).get("status").asText()).isEqualTo("enabled");
        assertThat(device("delete", "dev-1").out()).isEqualTo("deleted dev-1\n");

        Run gone = device("show", "dev-1");
        assertThat(gone.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(gone.err()).isEqualTo("error: not found: no device 'dev-1'\n");
        assertThat(gone.out()).isEmpty();
    }

    @Test
    void tokenPrintsASasTokenSignedWithTheChosenKey() throws IOException {
        JsonNode created = json.readTree(device("create", "dev-1", "--json").out());

        Run primary = device("token", "dev-1");
        SasToken token = SasToken.parse(primary.out().strip());
        assertThat(primary.out().lines().count()).isEqualTo(1);
        assertThat(token.isSignedWith(created.get("primaryKey").asText())).isTrue();
        assertThat(token.resource()).isEqualTo("localhost/devices/dev-1");
        assertThat(primary.err()).startsWith("expires ");

        SasToken secondary = SasToken.parse(device("token", "dev-1", "--key", "secondary", "--expires", "2d").out().strip());
        assertThat(secondary.isSignedWith(created.get("secondaryKey").asText())).isTrue();
        assertThat(Duration.between(Instant.now(), secondary.expiresAt())).isBetween(Duration.ofHours(47),
                Duration.ofHours(49));

        assertThat(device("token", "dev-1", "--expires", "soon").exitCode()).isEqualTo(2);
        assertThat(device("token", "dev-1", "--key", "tertiary").exitCode()).isEqualTo(2);
        assertThat(device("token", "dev-1", "--expires", "400d").exitCode())
                .isEqualTo(ErrorCode.BAD_REQUEST.cliExitCode());
    }

    @Test
    void importListsTheFailedLinesAndExitsOneWhenSomeFailed() throws IOException {
        device("create", "taken");
        Path csv = write("devices.csv", "deviceId,parentId,tags\ngw-1,,kind=gateway\ntaken,,\nbadge-1,gw-1,kind=badge\n"
                + "bad/id,,\n");

        Run imported = device("import", csv.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.out()).startsWith("devices created: 2, lines failed: 2\n");
        assertThat(imported.out()).containsPattern("\n3 +taken +CONFLICT +a device 'taken' already exists\n")
                .containsPattern("\n5 +bad/id +BAD_REQUEST +");

        Run ndjson = device("import", write("more.ndjson", "{\"deviceId\": \"badge-2\", \"parentId\": \"gw-1\"}\n").toString(),
                "--json");
        assertThat(ndjson.exitCode()).isZero();
        assertThat(json.readTree(ndjson.out())).isEqualTo(json.readTree("{\"created\": 1, \"failed\": []}"));
        assertThat(device("import", write("devices.txt", "deviceId\n").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void tokenAndUrlComeFromTheEnvironmentAndAReaderSeesNoKeys() throws IOException {
        device("create", "dev-1");
        JsonNode reader = json.readTree(api("POST", "/api/v1/principals", "{\"name\": \"viewer\", \"role\": \"reader\"}"));
        environment.put("THINGBUS_TOKEN", reader.get("token").asText());
        environment.put("THINGBUS_URL", "http://127.0.0.1:" + hub.httpPort());

        Run shown = run("device", "show", "dev-1");
        assertThat(shown.exitCode()).isZero();
        assertThat(block(shown.out())).containsEntry("deviceId", "dev-1").doesNotContainKeys("primaryKey",
                "connectionString");

        Run refused = run("device", "create", "dev-2");
        assertThat(refused.exitCode()).isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode());
        assertThat(refused.err()).startsWith("error: not authorized: role reader may not do this");
    }

    @Test
    void anUnreachableHubIsSaidSoWithItsUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = device("list", "--url", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE.cliExitCode());
        assertThat(run.err()).contains("not reachable at http://127.0.0.1:" + closedPort);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(device("create").exitCode()).isEqualTo(2);
        assertThat(device("create", "dev-1", "--tag", "novalue").exitCode()).isEqualTo(2);
        assertThat(device("list", "--limit", "0").exitCode()).isEqualTo(2);
        assertThat(run("device", "frobnicate").exitCode()).isEqualTo(2);
    }

    /** {@code thingbus device ARGS --data-dir <the hub's>}. */
    private Run device(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "device";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = dataDir.toString();
        return run(all);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ThingbusCommand.commandLine(args, environment)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Calls the API as the admin, through the CLI's own client. */
    private String api(String method, String path, String body) throws IOException {
        try {
            ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + hub.httpPort()),
                    Files.readString(dataDir.resolve("admin.token")).strip());
            return client.send(method, path, json.readTree(body));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content);
    }

    /** {@code key: value} lines as a map. */
    private static Map<String, String> block(String text) {
        Map<String, String> entries = new HashMap<>();
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(": ");
            entries.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        return entries;
    }
}
