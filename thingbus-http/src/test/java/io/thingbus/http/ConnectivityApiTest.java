package io.thingbus.http;

import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.http.internal.routing.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A device's connection state and the kept log of connects and disconnects, read through the API. */
class ConnectivityApiTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private ApiHarness api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults(), new InMemoryDeviceStore(), Clock.fixed(NOW, ZoneOffset.UTC));
        api.registry.create("dev-1", Map.of(), null, -1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aDeviceNeverSeenIsDisconnectedWithoutTimes() throws Exception {
        JsonNode state = json(api.get("/api/v1/devices/dev-1/connection", api.reader));

        assertThat(state.get("connectionState").asText()).isEqualTo("disconnected");
        assertThat(state.get("since").isNull()).isTrue();
    }

    @Test
    void theStateFollowsConnectsAndDisconnects() throws Exception {
        api.connectivity.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 1_000, null));

        JsonNode connected = json(api.get("/api/v1/devices/dev-1/connection", api.reader));
        assertThat(connected.get("connectionState").asText()).isEqualTo("connected");
        assertThat(connected.get("since").asText()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(connected.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(connected.get("transport").asText()).isEqualTo("mqtts");
        assertThat(connected.get("protocol").asText()).isEqualTo("mqtt5");

        api.connectivity.connectivityChanged(event("dev-1", ConnectivityEvent.Type.DISCONNECTED, 2_000, "keep alive timeout"));

        JsonNode disconnected = json(api.get("/api/v1/devices/dev-1/connection", api.reader));
        assertThat(disconnected.get("connectionState").asText()).isEqualTo("disconnected");
        assertThat(disconnected.get("lastDisconnectReason").asText()).isEqualTo("keep alive timeout");
    }

    @Test
    void anUnknownDeviceIs404ProblemJson() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/devices/nobody/connection", api.reader);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void theEventLogPagesFromTheLastSeqSeen() throws Exception {
        for (int i = 1; i <= 3; i++) {
            api.connectivity.connectivityChanged(event("dev-1", i % 2 == 1 ? ConnectivityEvent.Type.CONNECTED
                    : ConnectivityEvent.Type.DISCONNECTED, i * 1_000L, i % 2 == 1 ? null : "client disconnected"));
        }

        JsonNode first = json(api.get("/api/v1/connectivity/events?limit=2", api.reader));
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("items").get(0).get("type").asText()).isEqualTo("connected");
        assertThat(first.get("items").get(0).get("kind").asText()).isEqualTo("device");
        assertThat(first.get("items").get(1).get("reason").asText()).isEqualTo("client disconnected");
        assertThat(first.get("lastSeq").asLong()).isEqualTo(3);

        JsonNode rest = json(api.get("/api/v1/connectivity/events?after=2", api.reader));
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("items").get(0).get("seq").asLong()).isEqualTo(3);
    }

    @Test
    void theStreamDeliversEventsAsTheyHappenAndResumesAfterLastEventId() throws Exception {
        api.connectivity.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 1_000, null));
        String lastSeen;
        try (SseClient stream = open(null)) {
            api.connectivity.connectivityChanged(event("dev-1", ConnectivityEvent.Type.DISCONNECTED, 2_000, "gone"));

            List<SseClient.Event> live = stream.take(1);

            assertThat(live.getFirst().type()).isEqualTo("connectivity");
            assertThat(live.getFirst().id()).isEqualTo("2");
            assertThat(Json.read(live.getFirst().data().getBytes(StandardCharsets.UTF_8)).get("reason").asText())
                    .isEqualTo("gone");
            assertThat(stream.drain(300)).as("the event from before the stream opened is not sent").isEmpty();
            lastSeen = stream.lastEventId();
        }
        for (int i = 3; i <= 5; i++) {
            api.connectivity.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, i * 1_000L, null));
        }

        try (SseClient resumed = open(lastSeen)) {
            assertThat(resumed.take(3)).extracting(SseClient.Event::id).containsExactly("3", "4", "5");
            assertThat(resumed.drain(300)).isEmpty();
        }
    }

    @Test
    void badQueryValuesAre400() throws Exception {
        assertThat(api.get("/api/v1/connectivity/events?limit=0", api.reader).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/connectivity/events?after=x", api.reader).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/connectivity/events?since=1", api.reader).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/connectivity/stream?lastEventId=x", api.reader).statusCode()).isEqualTo(400);
    }

    private SseClient open(String lastEventId) throws Exception {
        HttpRequest.Builder request = api.request("/api/v1/connectivity/stream", api.reader)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(api.client(), request.build());
    }

    private static ConnectivityEvent event(String deviceId, ConnectivityEvent.Type type, long millis, String reason) {
        return new ConnectivityEvent(ClientIdentity.device(deviceId), deviceId, type, Instant.ofEpochMilli(millis),
                "127.0.0.1", "mqtts", "mqtt5", reason);
    }
}
