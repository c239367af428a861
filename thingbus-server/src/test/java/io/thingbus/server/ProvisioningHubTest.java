package io.thingbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning through the whole hub on port 0: enrollments and registrations are kept in the store; a
 * device registers over MQTT and its telemetry goes through the telemetry log.
 */
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

    @Test
    void aDeviceRegistersOverMqttThenItsTelemetryIsStoredAndRoutedStamped() throws Exception {
        start();
        String admin = Files.readString(dataDir.resolve("admin.token")).strip();
        HttpResponse<String> enrolled = send("POST", "/api/v1/enrollments/individual", "Bearer " + admin,
                "{\"registrationId\": \"meter-1\"}");
        String key = json.readTree(enrolled.body()).get("primaryKey").asText();

        Mqtt3BlockingClient registering = MqttClient.builder().useMqttVersion3().identifier("meter-1")
                .serverHost("127.0.0.1").serverPort(hub.mqttPort()).buildBlocking();
        registering.connectWith().simpleAuth().username("scope/registrations/meter-1/api-version=2019-03-31")
                .password(SasToken.sign("scope/registrations/meter-1", key, Instant.now().plusSeconds(600))
                        .getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        JsonNode answer;
        try (Mqtt3BlockingClient.Mqtt3Publishes answers = registering.publishes(MqttGlobalPublishFilter.ALL)) {
            registering.subscribeWith().topicFilter("$dps/registrations/res/#").qos(MqttQos.AT_LEAST_ONCE).send();
            registering.publishWith().topic("$dps/registrations/PUT/iotdps-register/?$rid=1").qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Mqtt3Publish assigned = answers.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(assigned.getTopic().toString()).isEqualTo("$dps/registrations/res/200/?$rid=1");
            answer = json.readTree(assigned.getPayloadAsBytes());
        } finally {
            registering.disconnect();
        }
        assertThat(answer.at("/registrationState/deviceId").asText()).isEqualTo("meter-1");
        assertThat(answer.at("/registrationState/endpoints/mqtt").asText()).isEqualTo("mqtt://localhost:" + hub.mqttPort());
        int partition = answer.at("/registrationState/partition").asInt();

        Mqtt5BlockingClient service = MqttClient.builder().useMqttVersion5().identifier("ingest")
                .serverHost("127.0.0.1").serverPort(hub.mqttPort()).buildBlocking();
        service.connectWith().simpleAuth().username("admin").password(admin.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        Mqtt5BlockingClient meter = MqttClient.builder().useMqttVersion5().identifier("meter-1")
                .serverHost("127.0.0.1").serverPort(hub.mqttPort()).buildBlocking();
        try (Mqtt5BlockingClient.Mqtt5Publishes telemetry = service.publishes(MqttGlobalPublishFilter.ALL)) {
            service.subscribeWith().topicFilter("$share/ingest/devices/+/messages/events/#").qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            meter.connectWith().simpleAuth().username("localhost/meter-1/?api-version=2021-04-12")
                    .password(SasToken.sign("localhost/devices/meter-1", key, Instant.now().plusSeconds(600))
                            .getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            meter.publishWith().topic("devices/meter-1/messages/events/kind=reading").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"kWh\": 12.5}".getBytes(StandardCharsets.UTF_8)).send();

            Mqtt5Publish stamped = telemetry.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(stamped.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                    .contains("kind=reading", "iothub-connection-device-id=meter-1", "x-opt-partition=" + partition,
                            "x-opt-offset=0");
        } finally {
            meter.disconnect();
            service.disconnect();
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Authorization", authorization);
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
