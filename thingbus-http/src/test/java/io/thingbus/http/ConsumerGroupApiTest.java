package io.thingbus.http;

import static io.thingbus.http.ApiHarness.assertProblem;
import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.telemetry.Pseudonymiser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch consumers over HTTP: fetch from the committed offset, commit, resume after a restart. */
class ConsumerGroupApiTest {

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
    void aFetchStartsAtTheCommittedOffsetSoAnUncommittedBatchComesAgain() throws Exception {
        append(0, 10);

        JsonNode first = fetch("jobs", "{\"partition\": 0, \"maxRecords\": 4}");
        JsonNode again = fetch("jobs", "{\"partition\": 0, \"maxRecords\": 4}");
        commit("jobs", 0, first.at("/partitions/0/nextOffset").asLong());
        JsonNode next = fetch("jobs", "{\"partition\": 0, \"maxRecords\": 4}");

        assertThat(offsets(first)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(offsets(again)).as("at least once: not committed, read again").containsExactly(0L, 1L, 2L, 3L);
        assertThat(first.at("/partitions/0/fromOffset").asLong()).isZero();
        assertThat(first.at("/partitions/0/nextOffset").asLong()).isEqualTo(4);
        assertThat(offsets(next)).containsExactly(4L, 5L, 6L, 7L);
    }

    @Test
    void aConsumerThatRestartsFromItsCommitsSeesEveryRecordOnceAcrossPartitions() throws Exception {
        append(0, 7);
        append(1, 5);
        append(3, 2);
        List<String> seen = new ArrayList<>();

        for (int batch = 0; batch < 3; batch++) {
            JsonNode fetched = fetch("etl", "{\"maxRecords\": 3}");
            fetched.get("events").forEach(event -> seen.add(event.get("partition") + ":" + event.get("offset")));
            fetched.get("partitions").forEach(p -> commit("etl", p.get("partition").asInt(), p.get("nextOffset").asLong()));
        }
        // a new consumer process: nothing but the committed offsets carries over
        JsonNode rest = fetch("etl", "{\"maxRecords\": 100}");
        rest.get("events").forEach(event -> seen.add(event.get("partition") + ":" + event.get("offset")));

        assertThat(seen).hasSize(14).doesNotHaveDuplicates();
        assertThat(seen).contains("0:0", "0:6", "1:4", "3:1");
        assertThat(fetch("etl", null).get("events")).as("a fetch without a body reads every partition").hasSize(14 - 9);
    }

    @Test
    void theGroupShowsCommittedOffsetsAndLagPerPartition() throws Exception {
        append(0, 10);
        append(2, 3);
        commit("jobs", 0, 4);

        JsonNode group = json(api.get("/api/v1/consumer-groups/jobs", api.reader));

        assertThat(group.get("partitions")).hasSize(ApiHarness.PARTITIONS);
        assertThat(group.at("/partitions/0/committedOffset").asLong()).isEqualTo(4);
        assertThat(group.at("/partitions/0/endOffset").asLong()).isEqualTo(10);
        assertThat(group.at("/partitions/0/lag").asLong()).isEqualTo(6);
        assertThat(group.at("/partitions/2/committedOffset").isNull()).isTrue();
        assertThat(group.at("/partitions/2/lag").asLong()).isEqualTo(3);
        assertThat(group.get("lag").asLong()).isEqualTo(9);
    }

    @Test
    void theHubsOwnGroupsAndBadRequestsAreRefused() throws Exception {
        append(0, 2);

        assertProblem(api.send("POST", "/api/v1/consumer-groups/$events/fetch", api.reader, null), 403, "NOT_AUTHORIZED");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/$events/commit", api.admin,
                "{\"partition\": 0, \"offset\": 0}"), 403, "NOT_AUTHORIZED");
        assertProblem(api.get("/api/v1/consumer-groups/$events", api.admin), 403, "NOT_AUTHORIZED");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/jobs/commit", api.reader,
                "{\"partition\": 0, \"offset\": 3}"), 400, "BAD_REQUEST");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/jobs/commit", api.reader,
                "{\"partition\": 99, \"offset\": 0}"), 400, "BAD_REQUEST");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/jobs/commit", api.reader, "{\"partition\": 0}"), 400,
                "BAD_REQUEST");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/jobs/fetch", api.reader, "{\"maxRecords\": 0}"), 400,
                "BAD_REQUEST");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/jobs/fetch", api.reader, "{\"max\": 5}"), 400,
                "BAD_REQUEST");
        assertProblem(api.send("POST", "/api/v1/consumer-groups/jobs/fetch", null, null), 401, "AUTHENTICATION_REQUIRED");
        assertThat(stores.consumerOffsets().committed("jobs", 0)).isEmpty();
    }

    private void append(int partition, int count) {
        for (int i = 0; i < count; i++) {
            stores.telemetryLog().append(partition, System.currentTimeMillis(), "dev-" + partition, List.of(), "application/json",
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).join();
        }
    }

    private JsonNode fetch(String group, String body) throws Exception {
        var response = api.send("POST", "/api/v1/consumer-groups/" + group + "/fetch", api.reader, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private void commit(String group, int partition, long offset) {
        try {
            var response = api.send("POST", "/api/v1/consumer-groups/" + group + "/commit", api.reader,
                    "{\"partition\": " + partition + ", \"offset\": " + offset + "}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("committedOffset").asLong()).isEqualTo(offset);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> offsets(JsonNode fetched) {
        List<Long> offsets = new ArrayList<>();
        fetched.get("events").forEach(event -> offsets.add(event.get("offset").asLong()));
        return offsets;
    }
}
