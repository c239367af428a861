package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryRecord;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live telemetry as Server-Sent Events, read with the JDK's HTTP client: filters, and resuming from Last-Event-ID. */
class TelemetryStreamTest {

    private final InMemoryTelemetryStores stores = new InMemoryTelemetryStores();
    private ApiHarness api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults(), new InMemoryDeviceStore(), Clock.systemUTC(), stores,
                Pseudonymiser.NONE);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aStreamDeliversNewEventsAsTheyBecomeDurableWithTheirPositions() throws Exception {
        append(0, "before", 1);

        try (SseClient stream = open("/api/v1/telemetry/stream", null)) {
            append(0, "a", 1);
            append(2, "b", 2);

            List<SseClient.Event> events = stream.take(2);

            assertThat(events).extracting(SseClient.Event::type).containsOnly("telemetry");
            assertThat(events).extracting(event -> json(event).get("deviceId").asText()).containsExactlyInAnyOrder("a", "b");
            SseClient.Event fromB = events.stream().filter(event -> json(event).get("deviceId").asText().equals("b"))
                    .findFirst().orElseThrow();
            assertThat(json(fromB).get("partition").asInt()).isEqualTo(2);
            assertThat(json(fromB).at("/payload/n").asInt()).isEqualTo(2);
            assertThat(fromB.id()).as("positions of every partition passed").contains("2:0").startsWith("0:");
        }
    }

    @Test
    void resumingFromLastEventIdDeliversExactlyTheMissedEvents() throws Exception {
        String lastSeen;
        try (SseClient stream = open("/api/v1/telemetry/stream", null)) {
            for (int i = 0; i < 3; i++) {
                append(i % 2, "d" + i, i);
            }
            List<SseClient.Event> seen = stream.take(3);
            assertThat(seen).extracting(event -> json(event).at("/payload/n").asInt()).containsExactlyInAnyOrder(0, 1, 2);
            lastSeen = stream.lastEventId();
        }
        // while disconnected
        for (int i = 3; i < 8; i++) {
            append(i % 2, "d" + i, i);
        }

        try (SseClient resumed = open("/api/v1/telemetry/stream", lastSeen)) {
            append(1, "d8", 8);

            List<SseClient.Event> missed = resumed.take(6);

            assertThat(missed).extracting(event -> json(event).at("/payload/n").asInt())
                    .containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8);
            assertThat(resumed.drain(300)).as("nothing twice, nothing from before").isEmpty();
        }
    }

    @Test
    void aDeviceStreamReadsItsPartitionAndResumesFromThePlainPosition() throws Exception {
        api.registry.create("pump", Map.of(), null, 3);
        append(3, "other", 0);
        append(3, "pump", 1);
        append(3, "pump", 2);

        try (SseClient stream = open("/api/v1/telemetry/stream?deviceId=pump", "3:1")) {
            append(3, "other", 3);
            append(3, "pump", 4);

            List<SseClient.Event> events = stream.take(2);

            assertThat(events).extracting(event -> json(event).at("/payload/n").asInt()).containsExactly(2, 4);
            assertThat(events.get(0).id()).isEqualTo("3:2");
            assertThat(events.get(1).id()).isEqualTo("3:4");
        }
    }

    @Test
    void aTagFilterPassesTheTaggedDevicesOnly() throws Exception {
        api.registry.create("north-1", Map.of("site", "north"), null, 0);
        api.registry.create("south-1", Map.of("site", "south"), null, 0);

        try (SseClient stream = open("/api/v1/telemetry/stream?tag=site:north&partition=0,1", null)) {
            append(0, "south-1", 1);
            append(0, "north-1", 2);
            append(1, "unknown", 3);
            append(1, "north-1", 4);

            assertThat(stream.take(2)).extracting(event -> json(event).at("/payload/n").asInt()).containsExactlyInAnyOrder(2, 4);
            assertThat(stream.drain(300)).isEmpty();
        }
    }

    @Test
    void badStreamRequestsAreProblems() throws Exception {
        assertProblem(api.get("/api/v1/telemetry/stream?partition=99", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/telemetry/stream?tag=site", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/telemetry/stream?lastEventId=3", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/telemetry/stream?lastEventId=1:2,1:3", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/telemetry/stream?deviceId=nobody", api.reader), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/telemetry/stream", null), 401, "AUTHENTICATION_REQUIRED");
    }

    private SseClient open(String path, String lastEventId) throws Exception {
        HttpRequest.Builder request = api.request(path, api.reader).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(api.client(), request.build());
    }

    private TelemetryRecord append(int partition, String deviceId, int n) {
        return stores.telemetryLog().append(partition, System.currentTimeMillis(), deviceId, List.of(), "application/json",
                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)).join();
    }

    private static JsonNode json(SseClient.Event event) {
        return Json.read(event.data().getBytes(StandardCharsets.UTF_8));
    }
}
