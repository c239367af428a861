package io.thingbus.http;

import static io.thingbus.http.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.registry.InMemoryDeviceStore;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQTT user name and password clients managed through the API: admin only, passwords never shown. */
class MqttUserApiTest {

    private ApiHarness api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiHarness(HttpServerConfig.defaults(), new InMemoryDeviceStore(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void anAdminCreatesListsAndRemovesAUserWhosePasswordIsNeverShown() throws Exception {
        HttpResponse<String> created = api.send("POST", "/api/v1/users", api.admin,
                "{\"name\": \"sensor-gw\", \"password\": \"correct horse battery\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("location")).contains("/api/v1/users/sensor-gw");
        assertThat(created.body()).doesNotContain("correct horse");
        JsonNode list = json(api.get("/api/v1/users", api.admin));
        assertThat(list.get("items").get(0).get("name").asText()).isEqualTo("sensor-gw");
        assertThat(list.toString()).doesNotContain("password");

        assertThat(api.delete("/api/v1/users/sensor-gw", api.admin).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/sensor-gw", api.admin).statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIsProblemJson() throws Exception {
        api.send("POST", "/api/v1/users", api.admin, "{\"name\": \"a\", \"password\": \"long enough\"}");

        assertThat(api.send("POST", "/api/v1/users", api.admin, "{\"name\": \"a\", \"password\": \"long enough\"}")
                .statusCode()).isEqualTo(409);
        assertThat(api.send("POST", "/api/v1/users", api.admin, "{\"name\": \"b\", \"password\": \"short\"}")
                .statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/users", api.admin, "{\"name\": \"a/b\", \"password\": \"long enough\"}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> unknownMember = api.send("POST", "/api/v1/users", api.admin,
                "{\"name\": \"c\", \"password\": \"long enough\", \"role\": \"admin\"}");
        assertThat(unknownMember.statusCode()).isEqualTo(400);
        assertThat(unknownMember.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void operatorsMayNotManageUsers() throws Exception {
        assertThat(api.get("/api/v1/users", api.operator).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/users", api.operator, "{\"name\": \"x\", \"password\": \"long enough\"}")
                .statusCode()).isEqualTo(403);
    }
}
