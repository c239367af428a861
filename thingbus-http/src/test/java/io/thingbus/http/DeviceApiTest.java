package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStatus;
import io.thingbus.registry.InMemoryDeviceStore;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering, reading, listing, changing and removing devices through the API, and who may do what. */
class DeviceApiTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");

    private ApiHarness api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults(), new InMemoryDeviceStore(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createAnswers201WithLocationKeysAndConnectionString() throws Exception {
        HttpResponse<String> response = api.send("POST", "/api/v1/devices", api.operator,
                "{\"deviceId\": \"dev-1\", \"tags\": {\"zone\": \"N3\", \"floor\": 3, \"lit\": true}}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("location")).contains("/api/v1/devices/dev-1");
        JsonNode device = json(response);
        assertThat(device.get("deviceId").asText()).isEqualTo("dev-1");
        assertThat(device.get("status").asText()).isEqualTo("enabled");
        assertThat(device.get("tags")).isEqualTo(parse("{\"floor\": \"3\", \"lit\": \"true\", \"zone\": \"N3\"}"));
        assertThat(device.get("parentId").isNull()).isTrue();
        assertThat(device.get("partition").asInt()).isBetween(0, ApiHarness.PARTITIONS - 1);
        assertThat(device.get("created").asText()).isEqualTo("2026-11-21T10:15:30Z");
        assertThat(device.get("updated").asText()).isEqualTo("2026-11-21T10:15:30Z");
        String primary = device.get("primaryKey").asText();
        assertThat(Base64.getDecoder().decode(primary)).hasSize(32);
        assertThat(Base64.getDecoder().decode(device.get("secondaryKey").asText())).hasSize(32);
        assertThat(device.get("connectionString").asText())
                .isEqualTo("HostName=hub.example.org;DeviceId=dev-1;SharedAccessKey=" + primary);
        assertThat(device.has("x509Thumbprints")).isFalse();
        assertThat(api.registry.require("dev-1").tags()).containsEntry("floor", "3");
    }

    @Test
    void createWithAParentAndAnIdThatNeedsEncoding() throws Exception {
        create("gw-1");
        String id = "badge:07@floor(2)";

        HttpResponse<String> response = api.send("POST", "/api/v1/devices", api.operator,
                "{\"deviceId\": \"" + id + "\", \"parentId\": \"gw-1\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        String location = response.headers().firstValue("location").orElseThrow();
        assertThat(location).isEqualTo("/api/v1/devices/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        JsonNode device = json(api.get(location, api.reader));
        assertThat(device.get("deviceId").asText()).isEqualTo(id);
        assertThat(device.get("parentId").asText()).isEqualTo("gw-1");
    }

    @Test
    void createRefusesBadBodiesWithProblems() throws Exception {
        create("dev-1");

        assertThat(createProblem("{\"deviceId\": \"a/b\"}", 400, "BAD_REQUEST")).contains("device id");
        assertThat(createProblem("{\"deviceId\": \"dev-2\", \"colour\": \"red\"}", 400, "BAD_REQUEST"))
                .contains("unknown member 'colour'");
        assertThat(createProblem("{\"deviceId\": \"dev-2\", \"tags\": {\"a\": {\"b\": 1}}}", 400, "BAD_REQUEST"))
                .contains("tag 'a'");
        createProblem("{\"deviceId\": \"dev-2\", \"tags\": {\"a\": [1]}}", 400, "BAD_REQUEST");
        createProblem("{\"deviceId\": \"dev-2\", \"tags\": {\"a\": null}}", 400, "BAD_REQUEST");
        createProblem("{\"deviceId\": \"dev-2\", \"tags\": {\"bad name\": \"x\"}}", 400, "BAD_REQUEST");
        createProblem("{\"deviceId\": \"dev-2\", \"tags\": [\"x\"]}", 400, "BAD_REQUEST");
        assertThat(createProblem("{\"deviceId\": \"dev-2\", \"parentId\": \"gw-9\"}", 400, "BAD_REQUEST"))
                .contains("gw-9");
        createProblem("{\"tags\": {}}", 400, "BAD_REQUEST");
        createProblem("{\"deviceId\": 7}", 400, "BAD_REQUEST");
        createProblem("{\"deviceId\": ", 400, "INVALID_JSON");
        assertThat(createProblem("{\"deviceId\": \"dev-1\"}", 409, "CONFLICT")).contains("dev-1");
        assertThat(api.registry.count()).isEqualTo(1);
    }

    @Test
    void readerSeesDevicesWithoutKeysAndMayNotChangeThem() throws Exception {
        create("dev-1");

        JsonNode seen = json(api.get("/api/v1/devices/dev-1", api.reader));
        assertThat(seen.get("deviceId").asText()).isEqualTo("dev-1");
        assertThat(seen.has("primaryKey") || seen.has("secondaryKey") || seen.has("connectionString")).isFalse();
        JsonNode listed = json(api.get("/api/v1/devices", api.reader)).get("items").get(0);
        assertThat(listed.has("primaryKey")).isFalse();
        assertThat(json(api.get("/api/v1/devices/dev-1", api.admin)).has("primaryKey")).isTrue();

        assertProblem(api.send("POST", "/api/v1/devices", api.reader, "{\"deviceId\": \"dev-2\"}"), 403, "NOT_AUTHORIZED");
        assertProblem(api.send("PATCH", "/api/v1/devices/dev-1", api.reader, "{\"status\": \"disabled\"}"), 403,
                "NOT_AUTHORIZED");
        assertProblem(api.delete("/api/v1/devices/dev-1", api.reader), 403, "NOT_AUTHORIZED");
        assertProblem(api.send("POST", "/api/v1/devices/dev-1/token", api.reader, null), 403, "NOT_AUTHORIZED");
        assertThat(api.registry.require("dev-1").isEnabled()).isTrue();
    }

    @Test
    void withoutATokenEveryDeviceRouteIs401() throws Exception {
        create("dev-1");

        assertProblem(api.get("/api/v1/devices", null), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(api.get("/api/v1/devices/dev-1", null), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(api.send("POST", "/api/v1/devices", null, "{\"deviceId\": \"dev-2\"}"), 401,
                "AUTHENTICATION_REQUIRED");
        assertProblem(api.get("/api/v1/devices/dev-1", "tb_not-a-token"), 401, "INVALID_TOKEN");
    }

    @Test
    void unknownDeviceIs404() throws Exception {
        assertThat(assertProblem(api.get("/api/v1/devices/ghost", api.reader), 404, "NOT_FOUND")).contains("ghost");
        assertProblem(api.send("PATCH", "/api/v1/devices/ghost", api.operator, "{\"status\": \"disabled\"}"), 404,
                "NOT_FOUND");
        assertProblem(api.delete("/api/v1/devices/ghost", api.operator), 404, "NOT_FOUND");
    }

    @Test
    void listPagesThroughEveryDeviceInIdOrder() throws Exception {
        for (int i = 0; i < 25; i++) {
            api.registry.create(String.format("dev-%02d", 24 - i), Map.of(), null, -1);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(api.get("/api/v1/devices?limit=10" + (cursor == null ? "" : "&cursor=" + cursor),
                    api.reader));
            page.get("items").forEach(item -> seen.add(item.get("deviceId").asText()));
            pageSizes.add(page.get("items").size());
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(json(api.get("/api/v1/devices", api.reader)).get("items")).hasSize(25);
        assertThat(json(api.get("/api/v1/devices", api.reader)).has("nextCursor")).isFalse();
    }

    @Test
    void pageThatEndsExactlyAtTheLastDeviceHasNoNextCursor() throws Exception {
        create("a");
        create("b");

        JsonNode page = json(api.get("/api/v1/devices?limit=2", api.reader));

        assertThat(page.get("items")).hasSize(2);
        assertThat(page.has("nextCursor")).isFalse();
    }

    @Test
    void listFiltersByStatusParentAndEveryTagAcrossPages() throws Exception {
        api.registry.create("gw-1", Map.of(), null, -1);
        for (int i = 0; i < 12; i++) {
            String zone = i % 2 == 0 ? "N3" : "S1";
            api.registry.create(String.format("badge-%02d", i), Map.of("zone", zone, "kind", i < 6 ? "badge" : "tag"),
                    i % 3 == 0 ? "gw-1" : null, -1);
        }
        api.registry.setStatus("badge-04", DeviceStatus.DISABLED);

        assertThat(ids("/api/v1/devices?status=disabled")).containsExactly("badge-04");
        assertThat(ids("/api/v1/devices?parentId=gw-1")).containsExactly("badge-00", "badge-03", "badge-06", "badge-09");
        assertThat(ids("/api/v1/devices?tag=zone:N3&tag=kind:badge")).containsExactly("badge-00", "badge-02", "badge-04");
        assertThat(ids("/api/v1/devices?tag=zone:N3&status=enabled&parentId=gw-1")).containsExactly("badge-00", "badge-06");

        JsonNode first = json(api.get("/api/v1/devices?tag=zone:S1&limit=4", api.reader));
        assertThat(first.get("items")).extracting(item -> item.get("deviceId").asText())
                .containsExactly("badge-01", "badge-03", "badge-05", "badge-07");
        JsonNode second = json(api.get("/api/v1/devices?tag=zone:S1&limit=4&cursor="
                + first.get("nextCursor").asText(), api.reader));
        assertThat(second.get("items")).extracting(item -> item.get("deviceId").asText())
                .containsExactly("badge-09", "badge-11");
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    void listRefusesBadQueriesWithProblems() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "limit=1&limit=2", "cursor=%25%25",
                "cursor=" + Base64.getUrlEncoder().encodeToString("a/b".getBytes(StandardCharsets.UTF_8)),
                "status=off", "tag=zone", "tag=bad%20name:x", "parentId=a%2Fb", "parent=gw-1")) {
            assertProblem(api.get("/api/v1/devices?" + query, api.reader), 400, "BAD_REQUEST");
        }
        assertThat(json(api.get("/api/v1/devices?limit=1000", api.reader)).get("items")).isEmpty();
    }

    @Test
    void patchChangesStatusTagsAndParent() throws Exception {
        create("gw-1");
        api.send("POST", "/api/v1/devices", api.operator, "{\"deviceId\": \"dev-1\", \"tags\": {\"zone\": \"N3\"}}");

        JsonNode changed = json(api.send("PATCH", "/api/v1/devices/dev-1", api.operator,
                "{\"status\": \"disabled\", \"tags\": {\"room\": 12}, \"parentId\": \"gw-1\"}"));

        assertThat(changed.get("status").asText()).isEqualTo("disabled");
        assertThat(changed.get("tags")).isEqualTo(parse("{\"room\": \"12\"}"));
        assertThat(changed.get("parentId").asText()).isEqualTo("gw-1");
        assertThat(changed.has("primaryKey")).as("an operator sees keys").isTrue();
        Device stored = api.registry.require("dev-1");
        assertThat(stored.status()).isEqualTo(DeviceStatus.DISABLED);
        assertThat(stored.tags()).isEqualTo(Map.of("room", "12"));

        JsonNode cleared = json(api.send("PATCH", "/api/v1/devices/dev-1", api.operator,
                "{\"parentId\": null, \"status\": \"enabled\"}"));
        assertThat(cleared.get("parentId").isNull()).isTrue();
        assertThat(cleared.get("status").asText()).isEqualTo("enabled");
        assertThat(cleared.get("tags")).as("untouched").isEqualTo(parse("{\"room\": \"12\"}"));
    }

    @Test
    void patchRefusesBadBodiesWithoutChangingAnything() throws Exception {
        create("dev-1");

        assertProblem(patch("{}"), 400, "BAD_REQUEST");
        assertProblem(patch("{\"status\": \"off\"}"), 400, "BAD_REQUEST");
        assertProblem(patch("{\"name\": \"x\"}"), 400, "BAD_REQUEST");
        assertProblem(patch("{\"tags\": null}"), 400, "BAD_REQUEST");
        assertProblem(patch("{\"tags\": {\"a\": {}}, \"status\": \"disabled\"}"), 400, "BAD_REQUEST");
        assertProblem(patch("{\"parentId\": \"gw-9\", \"status\": \"disabled\"}"), 400, "BAD_REQUEST");
        assertProblem(patch("{\"parentId\": \"dev-1\"}"), 400, "BAD_REQUEST");

        assertThat(api.registry.require("dev-1").isEnabled()).isTrue();
        assertThat(api.registry.require("dev-1").parentId()).isNull();
    }

    @Test
    void deleteAnswers204AndTheDeviceIsGone() throws Exception {
        create("dev-1");

        HttpResponse<String> deleted = api.delete("/api/v1/devices/dev-1", api.operator);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(api.get("/api/v1/devices/dev-1", api.reader), 404, "NOT_FOUND");
        assertProblem(api.delete("/api/v1/devices/dev-1", api.operator), 404, "NOT_FOUND");
    }

    private List<String> ids(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        json(api.get(path, api.reader)).get("items").forEach(item -> ids.add(item.get("deviceId").asText()));
        return ids;
    }

    private void create(String id) throws Exception {
        assertThat(api.send("POST", "/api/v1/devices", api.operator, "{\"deviceId\": \"" + id + "\"}").statusCode())
                .isEqualTo(201);
    }

    private String createProblem(String body, int status, String code) throws Exception {
        return assertProblem(api.send("POST", "/api/v1/devices", api.operator, body), status, code);
    }

    private HttpResponse<String> patch(String body) throws Exception {
        return api.send("PATCH", "/api/v1/devices/dev-1", api.operator, body);
    }

    private static JsonNode parse(String text) {
        return Json.read(text.getBytes(StandardCharsets.UTF_8));
    }
}
