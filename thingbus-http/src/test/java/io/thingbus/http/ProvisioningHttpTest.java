package io.thingbus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.http.internal.api.ProvisioningFixture;
import io.thingbus.http.internal.api.TelemetryFixture;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.mqtt.MqttServer;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.registry.Device;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.LiveActivity;
import io.thingbus.registry.Role;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.InMemoryConnectivityEventStore;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.InMemoryMqttUserStore;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.registry.provisioning.HubEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning over a real HTTP port on loopback, port 0: operators enroll with bearer tokens, devices
 * register with SAS tokens, called with the JDK's HTTP client.
 */
class ProvisioningHttpTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), Clock.systemUTC(),
            new SecureRandom());
    private final String operator = principals.create("ops", Role.OPERATOR).token();
    private final String reader = principals.create("viewer", Role.READER).token();
    private MqttServer broker;
    private HttpServer server;
    private ProvisioningFixture provisioning;

    @BeforeEach
    void start() throws InterruptedException {
        broker = new MqttServer(MqttServerConfig.defaults().withListeners("127.0.0.1", 0, 0).withTlsListeners(-1, -1));
        broker.start();
        provisioning = ProvisioningFixture.inMemory(Clock.systemUTC(), () -> new HubEndpoints("127.0.0.1", broker.port(),
                -1, server.port(), -1, "/mqtt", MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH));
        ApiBackends backends = new ApiBackends(principals, provisioning.registry(),
                new ConnectivityTracker(new InMemoryConnectivityEventStore(), 1_000),
                new MqttUsers(new InMemoryMqttUserStore(), Clock.systemUTC(), new SecureRandom(), PasswordHash.MIN_ITERATIONS),
                provisioning.service(), provisioning.enrollments(),
                // telemetry is not exercised here
                TelemetryFixture.over(new InMemoryDeviceStore(), provisioning.registry(), new InMemoryTelemetryStores(),
                        Pseudonymiser.NONE, ProvisioningFixture.PARTITIONS, Clock.systemUTC()),
                LiveActivity.NONE);
        server = new HttpServer(HttpServerConfig.defaults(), backends, Clock.systemUTC(), broker.webSocket(),
                broker.metrics());
        server.start(handler -> broker.bindListener(0, handler));
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
        http.close();
    }

    @Test
    void aGroupMemberRegistersOverHttpWithItsDerivedKeyAndGetsItsConfiguration() throws Exception {
        JsonNode group = json(send("POST", "/api/v1/enrollments/groups", operator,
                "{\"groupId\": \"badges\", \"tags\": {\"site\": \"hall-3\"}}"), 201);
        String derived = derive(group.get("primaryKey").asText(), "badge-0042");

        HttpResponse<String> registered = register("badge-0042", sasToken("badge-0042", derived),
                "{\"registrationId\": \"badge-0042\", \"payload\": {\"model\": \"b2\"}}");

        JsonNode configuration = json(registered, 200);
        assertThat(configuration.get("deviceId").asText()).isEqualTo("badge-0042");
        assertThat(configuration.get("status").asText()).isEqualTo("assigned");
        assertThat(configuration.get("assignedHub").asText()).isEqualTo("127.0.0.1");
        assertThat(configuration.at("/endpoints/mqtt").asText()).isEqualTo("mqtt://127.0.0.1:" + broker.port());
        assertThat(configuration.at("/endpoints/websocket").asText()).isEqualTo("ws://127.0.0.1:" + server.port() + "/mqtt");
        assertThat(configuration.at("/endpoints").has("mqtts")).as("TLS is off").isFalse();
        assertThat(configuration.at("/topics/telemetry").asText()).isEqualTo("devices/badge-0042/messages/events/");
        assertThat(configuration.at("/enrollment/id").asText()).isEqualTo("badges");
        assertThat(registered.body()).doesNotContain(derived);
        Device device = provisioning.registry().require("badge-0042");
        assertThat(device.credentials().primaryKey()).isEqualTo(derived);
        assertThat(device.tags()).containsEntry("site", "hall-3");
        assertThat(configuration.get("partition").asInt()).isEqualTo(device.partition());

        JsonNode state = json(send("GET", "/api/v1/registrations/badge-0042", reader, null), 200);
        assertThat(state.get("status").asText()).isEqualTo("assigned");
        assertThat(state.get("deviceId").asText()).isEqualTo("badge-0042");
    }

    @Test
    void aSecondActivationIs409Problem() throws Exception {
        JsonNode enrollment = json(send("POST", "/api/v1/enrollments/individual", operator,
                "{\"registrationId\": \"reg-1\"}"), 201);
        String token = sasToken("reg-1", enrollment.get("secondaryKey").asText());
        json(register("reg-1", token, null), 200);

        assertProblem(register("reg-1", token, null), 409, "CONFLICT");

        json(send("PATCH", "/api/v1/enrollments/individual/reg-1", operator, "{\"allowReprovisioning\": true}"), 200);
        assertThat(json(register("reg-1", token, null), 200).get("substatus").asText()).isEqualTo("reprovisioned");
    }

    @Test
    void notEnrolledIs401ProblemWithASasChallengeAndNoBearerTokenHelps() throws Exception {
        String someKey = Base64.getEncoder().encodeToString(new byte[32]);

        HttpResponse<String> unknown = register("stranger", sasToken("stranger", someKey), null);
        assertProblem(unknown, 401, "BAD_CREDENTIALS");
        assertThat(unknown.headers().firstValue("www-authenticate")).contains("SharedAccessSignature");

        assertProblem(register("stranger", null, null), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(register("stranger", "Bearer " + operator, null), 401, "BAD_CREDENTIALS");
        assertThat(provisioning.registry().count()).isZero();
    }

    @Test
    void aDisabledEnrollmentIs403Problem() throws Exception {
        JsonNode enrollment = json(send("POST", "/api/v1/enrollments/individual", operator,
                "{\"registrationId\": \"reg-1\", \"status\": \"disabled\"}"), 201);

        assertProblem(register("reg-1", sasToken("reg-1", enrollment.get("primaryKey").asText()), null), 403,
                "NOT_AUTHORIZED");
    }

    @Test
    void aBodyNamingAnotherRegistrationIs400() throws Exception {
        assertProblem(register("reg-1", null, "{\"registrationId\": \"reg-2\"}"), 400, "BAD_REQUEST");
    }

    @Test
    void readersSeeEnrollmentsWithoutKeysAndMayNotChangeThem() throws Exception {
        send("POST", "/api/v1/enrollments/individual", operator, "{\"registrationId\": \"reg-1\"}");
        send("POST", "/api/v1/enrollments/groups", operator, "{\"groupId\": \"badges\"}");

        JsonNode seenByReader = json(send("GET", "/api/v1/enrollments/individual/reg-1", reader, null), 200);
        JsonNode seenByOperator = json(send("GET", "/api/v1/enrollments/individual/reg-1", operator, null), 200);
        JsonNode groupsByReader = json(send("GET", "/api/v1/enrollments/groups", reader, null), 200);

        assertThat(seenByReader.has("primaryKey")).isFalse();
        assertThat(seenByOperator.has("primaryKey")).isTrue();
        assertThat(groupsByReader.at("/items/0/groupId").asText()).isEqualTo("badges");
        assertThat(groupsByReader.at("/items/0").has("primaryKey")).isFalse();
        assertProblem(send("DELETE", "/api/v1/enrollments/individual/reg-1", reader, null), 403, "NOT_AUTHORIZED");
        assertProblem(send("GET", "/api/v1/enrollments/groups", null, null), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void individualEnrollmentsListInPagesAndGoAway() throws Exception {
        for (String id : new String[] {"c", "a", "b"}) {
            json(send("POST", "/api/v1/enrollments/individual", operator, "{\"registrationId\": \"" + id + "\"}"), 201);
        }

        JsonNode first = json(send("GET", "/api/v1/enrollments/individual?limit=2", reader, null), 200);
        JsonNode second = json(send("GET", "/api/v1/enrollments/individual?limit=2&after=" + first.get("next").asText(),
                reader, null), 200);

        assertThat(first.at("/items/0/registrationId").asText()).isEqualTo("a");
        assertThat(first.at("/items/1/registrationId").asText()).isEqualTo("b");
        assertThat(second.at("/items/0/registrationId").asText()).isEqualTo("c");
        assertThat(second.has("next")).isFalse();
        assertThat(send("DELETE", "/api/v1/enrollments/individual/b", operator, null).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/api/v1/enrollments/individual/b", reader, null), 404, "NOT_FOUND");
        assertProblem(send("GET", "/api/v1/enrollments/individual?limit=0", reader, null), 400, "BAD_REQUEST");
    }

    @Test
    void enrollmentRequestsAreChecked() throws Exception {
        assertProblem(send("POST", "/api/v1/enrollments/individual", operator,
                "{\"registrationId\": \"r\", \"colour\": \"red\"}"), 400, "BAD_REQUEST");
        assertProblem(send("POST", "/api/v1/enrollments/individual", operator,
                "{\"registrationId\": \"r\", \"primaryKey\": \"c2hvcnQ=\", \"secondaryKey\": \"c2hvcnQ=\"}"), 400, "BAD_REQUEST");
        assertProblem(send("POST", "/api/v1/enrollments/groups", operator,
                "{\"groupId\": \"g\", \"allocationPolicy\": \"round-robin\"}"), 400, "BAD_REQUEST");
        assertProblem(send("PATCH", "/api/v1/enrollments/groups/g", operator, "{\"status\": \"off\"}"), 400, "BAD_REQUEST");
        json(send("POST", "/api/v1/enrollments/groups", operator, "{\"groupId\": \"g\", \"allocationPolicy\": \"tag:room\"}"),
                201);
        assertProblem(send("POST", "/api/v1/enrollments/groups", operator, "{\"groupId\": \"g\"}"), 409, "CONFLICT");
        assertThat(json(send("GET", "/api/v1/enrollments/groups/g", reader, null), 200).get("allocationPolicy").asText())
                .isEqualTo("tag:room");
    }

    private static String derive(String groupKey, String registrationId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(groupKey), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(registrationId.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sasToken(String registrationId, String key) {
        return SasToken.sign("0ne00TEST/registrations/" + registrationId, key, Instant.now().plusSeconds(3600));
    }

    private HttpResponse<String> register(String registrationId, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/provisioning/" + registrationId + "/register"))
                .timeout(Duration.ofSeconds(10))
                .POST(body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.read(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = Json.read(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
