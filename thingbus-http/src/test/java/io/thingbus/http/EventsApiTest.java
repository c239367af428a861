package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.messaging.UserProperty;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryRecord;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A device's events: range queries in pages, and the CSV and NDJSON exports streamed in chunks. */
class EventsApiTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

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
    void aRangeIsPagedInEitherOrderWithOpaqueCursors() throws Exception {
        for (int i = 0; i < 10; i++) {
            event("pump-1", i, i * 1000L, "{\"i\": " + i + "}");
        }
        event("pump-2", 10, 500, "{\"other\": true}");
        String range = "from=" + T0.plusSeconds(2) + "&to=" + T0.plusSeconds(8);

        JsonNode first = json(api.get("/api/v1/devices/pump-1/events?" + range + "&limit=4", api.reader));
        JsonNode second = json(api.get("/api/v1/devices/pump-1/events?" + range + "&limit=4&cursor="
                + first.get("nextCursor").asText(), api.reader));
        JsonNode newest = json(api.get("/api/v1/devices/pump-1/events?order=desc&limit=3", api.reader));

        assertThat(payloads(first)).containsExactly(2, 3, 4, 5);
        assertThat(payloads(second)).as("[from, to): 8 s is out").containsExactly(6, 7);
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(payloads(newest)).containsExactly(9, 8, 7);
        assertThat(first.at("/items/0/enqueuedTime").asText()).isEqualTo("2026-03-01T12:00:02Z");
        assertThat(json(api.get("/api/v1/devices/nobody/events", api.reader)).get("items")).isEmpty();
    }

    @Test
    void badQueriesAre400AndTheEventsNeedAReader() throws Exception {
        event("pump-1", 0, 0, "{}");

        assertProblem(api.get("/api/v1/devices/pump-1/events?order=sideways", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/devices/pump-1/events?limit=0", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/devices/pump-1/events?from=yesterday", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/devices/pump-1/events?cursor=not-a-cursor", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/devices/pump-1/events?colour=red", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/devices/pump-1/events?limit=1&limit=2", api.reader), 400, "BAD_REQUEST");
        assertProblem(api.get("/api/v1/devices/pump-1/events", null), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(api.get("/api/v1/devices/pump-1/events.csv", null), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void aCursorOfOneOrderDoesNotContinueTheOther() throws Exception {
        for (int i = 0; i < 3; i++) {
            event("pump-1", i, i, "{}");
        }
        String ascending = json(api.get("/api/v1/devices/pump-1/events?limit=1", api.reader)).get("nextCursor").asText();

        assertProblem(api.get("/api/v1/devices/pump-1/events?order=desc&cursor=" + ascending, api.reader), 400,
                "BAD_REQUEST");
    }

    @Test
    void theCsvExportStreamsEveryEventOfTheRangeInChunks() throws Exception {
        int count = 2_500;
        for (int i = 0; i < count; i++) {
            event("pump-1", i, i, "{\"i\":" + i + "}");
        }
        stores.events().add(List.of(new TelemetryRecord(1, count, T0.toEpochMilli() + count, "pump-1",
                List.of(new UserProperty("note", "a \"quoted\", comma")), "application/octet-stream", new byte[] {0, 1, 2})));

        HttpResponse<String> csv = api.get("/api/v1/devices/pump-1/events.csv?from=" + T0, api.reader);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("transfer-encoding")).contains("chunked");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(count + 2);
        assertThat(lines[0]).isEqualTo("enqueuedTime,partition,offset,contentType,properties,payloadEncoding,payload");
        assertThat(lines[1]).isEqualTo("2026-03-01T12:00:00Z,1,0,application/json,{},utf-8,\"{\"\"i\"\":0}\"");
        assertThat(lines[count]).startsWith("2026-03-01T12:00:02.499Z,1,2499,");
        assertThat(lines[count + 1]).isEqualTo("2026-03-01T12:00:02.500Z,1,2500,application/octet-stream,"
                + "\"{\"\"note\"\":\"\"a \\\"\"quoted\\\"\", comma\"\"}\",base64,"
                + Base64.getEncoder().encodeToString(new byte[] {0, 1, 2}));
    }

    @Test
    void theNdjsonExportHasOneEventPerLineAsTheApiShowsThem() throws Exception {
        for (int i = 0; i < 1_200; i++) {
            event("pump-1", i, i * 10L, "{\"i\":" + i + "}");
        }

        HttpResponse<java.util.stream.Stream<String>> ndjson = api.client().send(
                api.request("/api/v1/devices/pump-1/events.ndjson?to=" + T0.plusSeconds(10), api.reader).GET().build(),
                BodyHandlers.ofLines());

        assertThat(ndjson.headers().firstValue("content-type")).contains("application/x-ndjson");
        List<JsonNode> events = ndjson.body().map(line -> Json.read(line.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(events).hasSize(1_000);
        assertThat(events.get(999).at("/payload/i").asInt()).isEqualTo(999);
        assertThat(events.get(0).get("deviceId").asText()).isEqualTo("pump-1");
    }

    private void event(String deviceId, long offset, long millisAfterT0, String json) {
        stores.events().add(List.of(new TelemetryRecord(1, offset, T0.toEpochMilli() + millisAfterT0, deviceId, List.of(),
                "application/json", json.getBytes(StandardCharsets.UTF_8))));
    }

    private static List<Integer> payloads(JsonNode page) {
        List<Integer> values = new ArrayList<>();
        page.get("items").forEach(item -> values.add(item.at("/payload/i").asInt()));
        return values;
    }
}
