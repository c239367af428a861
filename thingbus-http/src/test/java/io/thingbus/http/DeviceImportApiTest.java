package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.registry.InMemoryDeviceStore;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk import of devices from CSV and NDJSON, where a bad line fails alone. */
class DeviceImportApiTest {

    private ApiHarness api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults().withMaxRequestBodyBytes(4096), new InMemoryDeviceStore(),
                Clock.systemUTC());
        api.registry.create("taken", Map.of(), null, -1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void csvCreatesTheGoodRowsAndReportsEachBadOne() throws Exception {
        String csv = """
                deviceId,parentId,tags,tag.site
                gw-1,,kind=gateway,Delft
                badge-1,gw-1,"kind=badge;room=A 12",
                taken,,,
                bad/id,,,
                badge-2,gw-9,,

                "badge-3",gw-1,kind=badge
                badge-4,,floor,
                badge-5,,kind=badge,"Den ""Haag""\"
                """;

        JsonNode result = json(importBody(csv, "text/csv; charset=utf-8"));

        assertThat(result.get("created").asInt()).isEqualTo(3);
        assertThat(failures(result)).containsExactly(
                "4 taken CONFLICT", "5 bad/id BAD_REQUEST", "6 badge-2 BAD_REQUEST", "8 badge-3 BAD_REQUEST",
                "9 badge-4 BAD_REQUEST");
        assertThat(api.registry.require("gw-1").tags()).isEqualTo(Map.of("kind", "gateway", "site", "Delft"));
        assertThat(api.registry.require("badge-1").tags()).isEqualTo(Map.of("kind", "badge", "room", "A 12"));
        assertThat(api.registry.require("badge-1").parentId()).isEqualTo("gw-1");
        assertThat(api.registry.require("badge-5").tags()).containsEntry("site", "Den \"Haag\"");
        assertThat(result.toString()).as("no keys in the answer").doesNotContain("Key");
    }

    @Test
    void ndjsonCreatesTheGoodLinesAndReportsEachBadOne() throws Exception {
        String ndjson = """
                {"deviceId": "gw-1", "tags": {"kind": "gateway"}}
                {"deviceId": "badge-1", "parentId": "gw-1", "tags": {"floor": 2}}

                {"deviceId": "taken"}
                {"deviceId": "badge-2", "colour": "red"}
                {"deviceId": "badge-3",
                ["badge-4"]
                {"deviceId": "badge-5", "tags": {"a": {"b": 1}}}
                {"deviceId": "badge-6"}
                """;

        JsonNode result = json(importBody(ndjson, "application/x-ndjson"));

        assertThat(result.get("created").asInt()).isEqualTo(3);
        assertThat(failures(result)).containsExactly("4 taken CONFLICT", "5 badge-2 BAD_REQUEST",
                "6 null INVALID_JSON", "7 null BAD_REQUEST", "8 badge-5 BAD_REQUEST");
        assertThat(api.registry.require("badge-1").tags()).isEqualTo(Map.of("floor", "2"));
        assertThat(api.registry.find("badge-6")).isPresent();
        JsonNode first = result.get("failed").get(0);
        assertThat(first.get("detail").asText()).contains("taken");
    }

    @Test
    void wholeImportIsRefusedForABadHeaderOrContentType() throws Exception {
        assertProblem(importBody("deviceId,colour\nd-1,red\n", "text/csv"), 400, "BAD_REQUEST");
        assertProblem(importBody("parentId,tags\n,\n", "text/csv"), 400, "BAD_REQUEST");
        assertProblem(importBody("deviceId,deviceId\n", "text/csv"), 400, "BAD_REQUEST");
        assertProblem(importBody("deviceId\nd-1\n", "application/json"), 400, "BAD_REQUEST");
        assertProblem(importBody("", "text/csv"), 400, "BAD_REQUEST");
        assertThat(api.registry.count()).isEqualTo(1);
    }

    @Test
    void importNeedsAnOperatorAndRespectsTheBodyLimit() throws Exception {
        assertProblem(api.send("POST", "/api/v1/devices/import", api.reader, "deviceId\nd-1\n", "text/csv"), 403,
                "NOT_AUTHORIZED");
        StringBuilder big = new StringBuilder("deviceId\n");
        for (int i = 0; big.length() <= 4096; i++) {
            big.append("device-").append(i).append('\n');
        }
        assertProblem(importBody(big.toString(), "text/csv"), 413, "PAYLOAD_TOO_LARGE");
        assertThat(api.registry.count()).isEqualTo(1);
    }

    @Test
    void csvWithAByteOrderMarkAndOnlyAHeaderCreatesNothing() throws Exception {
        JsonNode result = json(importBody("\uFEFFdeviceId,tag.zone\r\n", "text/csv"));

        assertThat(result.get("created").asInt()).isZero();
        assertThat(result.get("failed")).isEmpty();
    }

    private HttpResponse<String> importBody(String body, String contentType) throws Exception {
        return api.send("POST", "/api/v1/devices/import", api.operator, body, contentType);
    }

    private static List<String> failures(JsonNode result) {
        List<String> failures = new ArrayList<>();
        result.get("failed").forEach(failure -> failures.add(failure.get("line").asInt() + " "
                + (failure.get("deviceId").isNull() ? "null" : failure.get("deviceId").asText()) + " "
                + failure.get("code").asText()));
        return failures;
    }
}
