package io.thingbus.http.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.errors.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void rendersRfc9457MembersAndTheStableCode() {
        Response response = Problems.of(ErrorCode.NOT_FOUND, "no principal named 'x'", "/api/v1/principals/x");

        assertThat(response.status().code()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = Json.read(response.body());
        assertThat(problem.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("type", "title", "status", "detail", "instance", "code");
        assertThat(problem.get("type").asText()).isEqualTo("tag:thingbus.io,2026:problem:not-found");
        assertThat(problem.get("title").asText()).isEqualTo("not found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asText()).isEqualTo("no principal named 'x'");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/principals/x");
        assertThat(problem.get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void statusAndTitleComeFromTheErrorCode() {
        for (ErrorCode code : List.of(ErrorCode.METHOD_NOT_ALLOWED, ErrorCode.INVALID_JSON, ErrorCode.NOT_AUTHORIZED,
                ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSPECIFIED)) {
            Response response = Problems.of(code, "d", "/i");
            JsonNode problem = Json.read(response.body());

            assertThat(response.status().code()).isEqualTo(code.httpStatus());
            assertThat(problem.get("status").asInt()).isEqualTo(code.httpStatus());
            assertThat(problem.get("title").asText()).isEqualTo(code.description());
            assertThat(problem.get("type").asText()).isEqualTo(Problems.TYPE_PREFIX
                    + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }
}
