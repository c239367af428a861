package io.thingbus.it.telemetry;

import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.HubApi;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.ThingbusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry through a whole hub: a device sends over MQTT and over HTTP, a back-end service reads the
 * stamped stream over MQTT, and the API serves the same events from the event store, in order and
 * without gaps in the device's partition.
 */
class TelemetryEndToEndTest {

    private static final String ADMIN_TOKEN = "it-admin-" + "fedcba9876543210".repeat(2);

    @TempDir
    static Path dataDir;

    private static ThingbusServer hub;
    private static HubApi api;

    @BeforeAll
    static void startHub() throws InterruptedException {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        hub = ThingbusServer.start(config.withApi(config.api().withAdminToken(ADMIN_TOKEN)));
        api = new HubApi(hub.httpPort(), ADMIN_TOKEN);
    }

    @AfterAll
    static void stopHub() {
        api.close();
        hub.close();
    }

    @Test
    void mqttAndHttpTelemetryReachAServiceStampedAndTheEventStoreInOrder() {
        String deviceId = "meter-" + Long.toHexString(System.nanoTime());
        String key = api.post("/api/v1/devices", "{\"deviceId\": \"" + deviceId + "\"}").json().get("primaryKey").asText();
        String token = SasToken.sign("localhost/devices/" + deviceId, key, Instant.now().plusSeconds(3_600));
        Mqtt5BlockingClient service = MqttClient.builder().useMqttVersion5().identifier("reader-" + deviceId)
                .serverHost("127.0.0.1").serverPort(hub.mqttPort())
                .simpleAuth().username("admin").password(utf8(ADMIN_TOKEN)).applySimpleAuth().buildBlocking();
        Inbox<Mqtt5Publish> stream = Inbox.of(service);
        service.connect();
        service.subscribeWith().topicFilter("$share/ingest/devices/" + deviceId + "/messages/events/#")
                .qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier(deviceId)
                .serverHost("127.0.0.1").serverPort(hub.mqttPort())
                .simpleAuth().username("localhost/" + deviceId + "/?api-version=2021-04-12").password(utf8(token))
                .applySimpleAuth().buildBlocking();
        device.connect();

        device.publishWith().topic("devices/" + deviceId + "/messages/events/unit=kWh&%24.ct=application%2Fjson")
                .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("{\"kWh\": 1}")).send();
        device.disconnect();
        HubApi.Answer posted = api.postAs(token, "/api/v1/devices/" + deviceId + "/messages/events", "{\"kWh\": 2}");

        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        Mqtt5Publish overMqtt = stream.next();
        Mqtt5Publish overHttp = stream.next();
        Map<String, String> first = properties(overMqtt);
        Map<String, String> second = properties(overHttp);
        assertThat(first).containsEntry("unit", "kWh").containsEntry("iothub-connection-device-id", deviceId)
                .containsKeys("iothub-enqueuedtime", "x-opt-partition", "x-opt-offset");
        assertThat(second.get("x-opt-partition")).isEqualTo(first.get("x-opt-partition"));
        assertThat(Long.parseLong(second.get("x-opt-offset"))).isEqualTo(Long.parseLong(first.get("x-opt-offset")) + 1);
        assertThat(posted.json().get("offset").asText()).isEqualTo(second.get("x-opt-offset"));

        service.disconnect();
        // the event store indexes durable records a moment after they are acknowledged
        JsonNode events = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/v1/devices/" + deviceId + "/events?order=asc").json().get("items"),
                items -> items.size() == 2);
        assertThat(events.get(0).get("payload").get("kWh").asInt()).isEqualTo(1);
        assertThat(events.get(0).get("contentType").asText()).isEqualTo("application/json");
        assertThat(events.get(1).get("payload").get("kWh").asInt()).isEqualTo(2);
        assertThat(events.get(1).get("offset").asLong()).isEqualTo(events.get(0).get("offset").asLong() + 1);
        JsonNode connection = api.get("/api/v1/devices/" + deviceId + "/connection").json();
        assertThat(connection.get("connectionState").asText()).isEqualTo("disconnected");
        assertThat(connection.get("lastActivityTime").asText()).as("its HTTP post, after it disconnected")
                .isEqualTo(posted.json().get("enqueuedTime").asText());
    }

    private static Map<String, String> properties(Mqtt5Publish publish) {
        Map<String, String> properties = new HashMap<>();
        for (Mqtt5UserProperty property : publish.getUserProperties().asList()) {
            properties.put(property.getName().toString(), property.getValue().toString());
        }
        assertThat(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).contains("kWh");
        return properties;
    }
}
