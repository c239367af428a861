package io.thingbus.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning through the whole hub on port 0: enrollments and registrations are kept in the store. */
class ProvisioningHubTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private ThingbusServer hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        http.close();
    }

    private void start() throws InterruptedException {
        hub = ThingbusServer.start(ServerConfig.ephemeral(dataDir),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void anEnrolledDeviceRegistersOnceAndItsEnrollmentDeviceAndRegistrationSurviveARestart() throws Exception {
        start();
        String admin = Files.readString(dataDir.resolve("admin.token")).strip();
        HttpResponse<String> enrolled = send("POST", "/api/v1/enrollments/individual", "Bearer " + admin,
                "{\"registrationId\": \"sensor-1\"}");
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String key = json.readTree(enrolled.body()).get("primaryKey").asText();
        String token = SasToken.sign("scope/registrations/sensor-1", key, Instant.now().plusSeconds(600));

        HttpResponse<String> registered = send("POST", "/api/v1/provisioning/sensor-1/register", token, null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        JsonNode configuration = json.readTree(registered.body());
        assertThat(configuration.get("assignedHub").asText()).as("--hostname").isEqualTo("localhost");
        assertThat(configuration.at("/endpoints/mqtt").asText()).isEqualTo("mqtt://localhost:" + hub.mqttPort());
        assertThat(configuration.at("/endpoints/mqtts").asText()).isEqualTo("mqtts://localhost:" + hub.mqttsPort());

        hub.close();
        hub = null;
        start();

        assertThat(send("GET", "/api/v1/enrollments/individual/sensor-1", "Bearer " + admin, null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> state = send("GET", "/api/v1/registrations/sensor-1", "Bearer " + admin, null);
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        assertThat(json.readTree(state.body()).get("deviceId").asText()).isEqualTo("sensor-1");
        assertThat(send("GET", "/api/v1/devices/sensor-1", "Bearer " + admin, null).statusCode())
                .as("the device is stored too").isEqualTo(200);
        assertThat(send("POST", "/api/v1/provisioning/sensor-1/register", token, null).statusCode())
                .as("activation happens once, across restarts").isEqualTo(409);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Authorization", authorization);
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
