package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.EventStoreWriter;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.http.internal.api.TelemetryFixture;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStatus;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.telemetry.PseudonymisationConfig;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryRecord;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Devices posting telemetry over HTTP with SAS tokens, and services reading it back as events, exports and
 * consumer groups, against a real HTTP port with in-memory telemetry stores and a running event store writer.
 */
class TelemetryApiTest {

    private static final byte[] SECRET = "a hub secret of thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    private final InMemoryTelemetryStores stores = new InMemoryTelemetryStores();
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(new PseudonymisationConfig(SECRET,
            List.of("/patient/name"), Set.of("badge"), 16, PseudonymisationConfig.InvalidPayload.REFUSE));
    private ApiHarness api;
    private EventStoreWriter writer;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults(), new InMemoryDeviceStore(), Clock.systemUTC(), stores,
                pseudonymiser);
        writer = new EventStoreWriter(stores);
        writer.start();
    }

    @AfterEach
    void stop() {
        writer.close();
        api.close();
    }

    @Test
    void aPostIsAcceptedWithItsStampAndLandsInTheLogAndTheEventStore() throws Exception {
        Device device = api.registry.create("meter-1", Map.of(), null, 2);
        Instant before = Instant.now().minusMillis(1);

        HttpResponse<String> accepted = post("meter-1", token(device), "{\"kWh\": 12.5}", "application/json",
                "iothub-app-unit", "kWh", "iothub-app-unit", "Wh", "iothub-app-site", "Zurich");

        JsonNode stamp = json(accepted);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(stamp.get("partition").asInt()).isEqualTo(2);
        assertThat(stamp.get("offset").asLong()).isZero();
        assertThat(Instant.parse(stamp.get("enqueuedTime").asText())).isBetween(before, Instant.now());
        TelemetryRecord stored = stores.telemetryLog().read(2, 0, 10, 1 << 20).records().getFirst();
        assertThat(stored.deviceId()).isEqualTo("meter-1");
        assertThat(stored.contentType()).isEqualTo("application/json");
        assertThat(stored.properties()).as("the JDK's client sends headers sorted by name")
                .extracting(p -> p.name() + "=" + p.value())
                .containsExactly("site=Zurich", "unit=kWh", "unit=Wh");
        JsonNode event = awaitEvents("meter-1", 1).get(0);
        assertThat(event.get("deviceId").asText()).isEqualTo("meter-1");
        assertThat(event.get("enqueuedTime").asText()).isEqualTo(stamp.get("enqueuedTime").asText());
        assertThat(event.get("offset").asLong()).isZero();
        assertThat(event.at("/payload/kWh").asDouble()).isEqualTo(12.5);
        assertThat(event.at("/properties/unit")).isEqualTo(Json.read("[\"kWh\", \"Wh\"]".getBytes(StandardCharsets.UTF_8)));
        assertThat(event.at("/properties/site").asText()).isEqualTo("Zurich");
    }

    @Test
    void propertyValuesAreUtf8AndOtherBytesAreAnInvalidPropertyBag() throws Exception {
        Device device = api.registry.create("d", Map.of(), null, 0);

        String utf8 = rawPost(device, "iothub-app-city: ".getBytes(StandardCharsets.US_ASCII),
                "Zürich".getBytes(StandardCharsets.UTF_8));
        String latin1 = rawPost(device, "iothub-app-city: ".getBytes(StandardCharsets.US_ASCII),
                "Zürich".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(utf8).startsWith("HTTP/1.1 202");
        assertThat(latin1).startsWith("HTTP/1.1 400").contains("invalid property bag");
        assertThat(stores.telemetryLog().read(0, 0, 10, 1 << 20).records()).singleElement()
                .satisfies(record -> assertThat(record.properties().getFirst().value()).isEqualTo("Zürich"));
    }

    @Test
    void offsetsAreGapFreeInThePartitionAndADevicesOrderIsKept() throws Exception {
        Device first = api.registry.create("a", Map.of(), null, 1);
        Device second = api.registry.create("b", Map.of(), null, 1);

        for (int i = 0; i < 10; i++) {
            Device device = i % 2 == 0 ? first : second;
            assertThat(post(device.id(), token(device), "{\"n\": " + i + "}", "application/json").statusCode()).isEqualTo(202);
        }

        assertThat(stores.telemetryLog().read(1, 0, 100, 1 << 20).records()).extracting(TelemetryRecord::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(awaitEvents("a", 5)).extracting(event -> event.at("/payload/n").asInt()).containsExactly(0, 2, 4, 6, 8);
        assertThat(awaitEvents("b", 5)).extracting(event -> event.at("/payload/n").asInt()).containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void aGatewayPostsForItsChildButNotForAStranger() throws Exception {
        Device gateway = api.registry.create("gw", Map.of(), null, -1);
        api.registry.create("badge-7", Map.of(), "gw", -1);
        api.registry.create("stranger", Map.of(), null, -1);

        assertThat(post("badge-7", token(gateway), "[\"here\"]", "text/plain").statusCode()).isEqualTo(202);
        assertProblem(post("stranger", token(gateway), "[\"here\"]", "text/plain"), 403, "NOT_AUTHORIZED");

        JsonNode event = awaitEvents("badge-7", 1).get(0);
        assertThat(event.get("deviceId").asText()).isEqualTo("badge-7");
        assertThat(event.get("payload").asText()).as("not declared JSON: base64")
                .isEqualTo(Base64.getEncoder().encodeToString("[\"here\"]".getBytes(StandardCharsets.UTF_8)));
        assertThat(event.get("payloadEncoding").asText()).isEqualTo("base64");
    }

    @Test
    void refusedPostsGetProblemsAndStoreNothing() throws Exception {
        Device device = api.registry.create("d", Map.of(), null, 0);
        api.registry.create("other", Map.of(), null, 0);
        String token = token(device);
        String expired = SasToken.sign(ApiHarness.HOSTNAME + "/devices/d", device.credentials().primaryKey(),
                Instant.now().minusSeconds(1));
        String wrongKey = SasToken.sign(ApiHarness.HOSTNAME + "/devices/d", api.registry.create("x", Map.of(), null, 0)
                .credentials().primaryKey(), Instant.now().plusSeconds(600));

        HttpResponse<String> anonymous = post("d", null, "{}", "application/json");
        assertProblem(anonymous, 401, "AUTHENTICATION_REQUIRED");
        assertThat(anonymous.headers().firstValue("www-authenticate")).contains("SharedAccessSignature");
        assertProblem(post("d", wrongKey, "{}", "application/json"), 401, "BAD_CREDENTIALS");
        assertProblem(post("d", expired, "{}", "application/json"), 401, "BAD_CREDENTIALS");
        assertProblem(post("d", "Bearer " + api.admin, "{}", "application/json"), 401, "BAD_CREDENTIALS");
        assertProblem(post("other", token, "{}", "application/json"), 403, "NOT_AUTHORIZED");
        assertProblem(post("d", token, "x".repeat(TelemetryFixture.MAX_PAYLOAD_BYTES + 1), "text/plain"), 413,
                "PAYLOAD_TOO_LARGE");
        assertProblem(post("d", token, "{}", "application/json", "iothub-app-", "nameless"), 400, "BAD_REQUEST");
        assertProblem(post("d", token, "not json", "text/plain"), 400, "PAYLOAD_FORMAT_INVALID");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= 64; i++) {
            many.add("iothub-app-p" + i);
            many.add("v");
        }
        assertProblem(post("d", token, "{}", "application/json", many.toArray(String[]::new)), 400, "BAD_REQUEST");
        api.registry.setStatus("d", DeviceStatus.DISABLED);
        assertProblem(post("d", token, "{}", "application/json"), 403, "NOT_AUTHORIZED");

        assertThat(stores.telemetryLog().endOffset(0)).as("nothing stored").isZero();
    }

    @Test
    void pseudonymisedValuesNeverAppearInClearInStorageOrAnswers() throws Exception {
        Device device = api.registry.create("ward-3", Map.of(), null, 0);
        String payload = "{\"patient\": {\"name\": \"Ada Lovelace\", \"pulse\": 71}}";

        assertThat(post("ward-3", token(device), payload, "application/json", "iothub-app-badge", "B-0042").statusCode())
                .isEqualTo(202);

        JsonNode event = awaitEvents("ward-3", 1).get(0);
        assertThat(event.at("/patient/name").isMissingNode()).isTrue();
        assertThat(event.at("/payload/patient/name").asText()).isEqualTo(pseudonymiser.pseudonym("Ada Lovelace"));
        assertThat(event.at("/payload/patient/pulse").asInt()).isEqualTo(71);
        assertThat(event.at("/properties/badge").asText()).isEqualTo(pseudonymiser.pseudonym("B-0042"));
        TelemetryRecord stored = stores.telemetryLog().read(0, 0, 1, 1 << 20).records().getFirst();
        assertThat(new String(stored.payload(), StandardCharsets.UTF_8)).doesNotContain("Ada");
        assertThat(stored.properties().toString()).doesNotContain("B-0042");
        String answers = api.get("/api/v1/devices/ward-3/events", api.reader).body()
                + api.get("/api/v1/devices/ward-3/events.csv", api.reader).body()
                + api.get("/api/v1/devices/ward-3/events.ndjson", api.reader).body()
                + api.send("POST", "/api/v1/consumer-groups/audit/fetch", api.reader, null).body();
        assertThat(answers).contains(pseudonymiser.pseudonym("Ada Lovelace")).doesNotContain("Ada").doesNotContain("B-0042");
    }

    private List<JsonNode> awaitEvents(String deviceId, int count) {
        List<JsonNode> items = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> page = api.get("/api/v1/devices/" + deviceId + "/events", api.reader);
            assertThat(page.statusCode()).isEqualTo(200);
            items.clear();
            json(page).get("items").forEach(items::add);
            assertThat(items).hasSize(count);
        });
        return items;
    }

    private static String token(Device device) {
        return SasToken.sign(ApiHarness.HOSTNAME + "/devices/" + device.id(), device.credentials().primaryKey(),
                Instant.now().plusSeconds(600));
    }

    /** Posts {@code body} as {@code device}'s telemetry, with further headers as name, value pairs. */
    private HttpResponse<String> post(String deviceId, String authorization, String body, String contentType,
                                      String... headers) throws Exception {
        HttpRequest.Builder request = api.request("/api/v1/devices/" + deviceId + "/messages/events", null)
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request);
    }

    /**
     * Posts {@code {}} with one more header line made of {@code parts}, over a plain socket: the JDK's client
     * sends header values as ASCII only. Returns the whole answer (the connection is closed after it).
     */
    private String rawPost(Device device, byte[]... parts) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/devices/" + device.id() + "/messages/events HTTP/1.1\r\nHost: hub\r\n"
                    + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                    + "Authorization: " + token(device) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : parts) {
                out.write(part);
            }
            out.write("\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
