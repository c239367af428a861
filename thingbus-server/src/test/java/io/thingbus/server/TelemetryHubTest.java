package io.thingbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.registry.auth.SasToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry through the whole hub on port 0: a device posts over HTTP with its SAS token, the message is
 * pseudonymised, stored, indexed, and still there after a restart.
 */
class TelemetryHubTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private ThingbusServer hub;
    private String admin;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        http.close();
    }

    private void start() throws InterruptedException {
        hub = ThingbusServer.start(ServerConfig.ephemeral(dataDir)
                        .withTelemetry(TelemetryConfig.defaults().withPseudonymise(List.of("/patient", "badge"), null)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void aMessagePostedWithASasTokenIsPseudonymisedStoredAndReadBackAfterARestart() throws Exception {
        start();
        admin = "Bearer " + Files.readString(dataDir.resolve("admin.token")).strip();
        HttpResponse<String> created = send("POST", "/api/v1/devices", admin, "{\"deviceId\": \"ward-1\"}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = json.readTree(created.body()).get("primaryKey").asText();
        String token = SasToken.sign("localhost/devices/ward-1", key, Instant.now().plusSeconds(600));

        HttpResponse<String> accepted = send("POST", "/api/v1/devices/ward-1/messages/events", token,
                "{\"patient\": \"Ada Lovelace\", \"pulse\": 70}", "B-42");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).get("offset").asLong()).isZero();
        Path key1 = dataDir.resolve("pseudonym.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key1))).isEqualTo("rw-------");
        JsonNode first = awaitEvents(1).get(0);
        String pseudonym = first.at("/payload/patient").asText();
        assertThat(pseudonym).hasSize(16).doesNotContain("Ada");
        assertThat(first.at("/properties/badge").asText()).hasSize(16).isNotEqualTo("B-42");
        assertThat(first.at("/payload/pulse").asInt()).isEqualTo(70);

        hub.close();
        hub = null;
        start();

        HttpResponse<String> again = send("POST", "/api/v1/devices/ward-1/messages/events", token,
                "{\"patient\": \"Ada Lovelace\", \"pulse\": 72}", "B-42");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(json.readTree(again.body()).get("offset").asLong()).as("offsets go on after a restart").isEqualTo(1);
        List<JsonNode> events = awaitEvents(2);
        assertThat(events.get(0)).isEqualTo(first);
        assertThat(events.get(1).at("/payload/patient").asText()).as("the same key after a restart").isEqualTo(pseudonym);
        String export = send("GET", "/api/v1/devices/ward-1/events.csv", admin, null, null).body();
        assertThat(export).contains(pseudonym).doesNotContain("Ada").doesNotContain("B-42");
    }

    private List<JsonNode> awaitEvents(int count) {
        List<JsonNode> items = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> page = send("GET", "/api/v1/devices/ward-1/events", admin, null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            items.clear();
            json.readTree(page.body()).get("items").forEach(items::add);
            assertThat(items).hasSize(count);
        });
        return items;
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body, String badge)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json");
        if (badge != null) {
            request.header("iothub-app-badge", badge);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
