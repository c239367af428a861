package io.thingbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.http.HttpServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole hub on port 0, its HTTP port called with the JDK's HTTP client. */
class ManagementApiTest {

    private static final String CONFIGURED_TOKEN = "configured-admin-token-for-tests-0123456789";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private ThingbusServer hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        http.close();
    }

    private void start(ServerConfig config) throws InterruptedException {
        hub = ThingbusServer.start(config, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private void start() throws InterruptedException {
        start(ServerConfig.ephemeral(dataDir));
    }

    private String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).strip();
    }

    @Test
    void healthIsUpWithoutAToken() throws Exception {
        start();

        HttpResponse<String> response = get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
    }

    @Test
    void metricsArePrometheusTextWithJvmAndBrokerMeters() throws Exception {
        start();

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("jvm_memory_used_bytes{", "process_uptime_seconds",
                "# TYPE thingbus_mqtt_connections gauge", "thingbus_mqtt_sessions ");
    }

    @Test
    void firstStartWritesTheAdminTokenWithMode600AndPrintsItOnce() throws Exception {
        start();

        String token = adminToken();
        assertThat(token).matches("tb_[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin.token"))))
                .isEqualTo("rw-------");
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed.split(token, -1)).as("the token is printed exactly once").hasSize(2);
        String principals = Files.readString(dataDir.resolve("principals.json"));
        assertThat(principals).contains("\"admin\"").doesNotContain(token);
    }

    @Test
    void apiWithoutATokenIs401WithABearerChallenge() throws Exception {
        start();

        HttpResponse<String> response = get("/api/v1/principals/me", null);

        assertProblem(response, 401, "AUTHENTICATION_REQUIRED");
        assertThat(response.headers().firstValue("www-authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertProblem(get("/api/v1/principals/me", "tb_wrong"), 401, "INVALID_TOKEN");
    }

    @Test
    void adminTokenFromTheFileAuthenticatesAsAdmin() throws Exception {
        start();

        HttpResponse<String> response = get("/api/v1/principals/me", adminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"name\":\"admin\",\"role\":\"admin\"}"));
    }

    @Test
    void configuredAdminTokenWorksAndNothingIsPrintedOrWritten() throws Exception {
        start(ServerConfig.ephemeral(dataDir).withApi(ApiConfig.defaults().withAdminToken(CONFIGURED_TOKEN)));

        HttpResponse<String> response = get("/api/v1/principals/me", CONFIGURED_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("role").asText()).isEqualTo("admin");
        assertThat(dataDir.resolve("admin.token")).doesNotExist();
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(CONFIGURED_TOKEN);
        assertThat(Files.readString(dataDir.resolve("principals.json"))).doesNotContain(CONFIGURED_TOKEN);
    }

    @Test
    void adminTokenSurvivesARestart() throws Exception {
        start();
        String token = adminToken();
        hub.close();
        console.reset();

        start();

        assertThat(get("/api/v1/principals/me", token).statusCode()).isEqualTo(200);
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("tb_");
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        start();

        assertProblem(get("/api/v1/nothing-here", adminToken()), 404, "NOT_FOUND");
        assertProblem(get("/no-such-page", null), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIs405ProblemWithAllow() throws Exception {
        start();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health"))
                .POST(BodyPublishers.ofString("{}")));

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("allow")).contains("GET");
    }

    @Test
    void malformedJsonIs400Problem() throws Exception {
        start();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/principals"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\": \"ci\", ")));

        assertProblem(response, 400, "INVALID_JSON");
    }

    @Test
    void bodyOverTheLimitIs413Problem() throws Exception {
        start(ServerConfig.ephemeral(dataDir).withApi(new ApiConfig(null, HttpServerConfig.defaults().withMaxRequestBodyBytes(64))));

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/principals"))
                .header("Authorization", "Bearer " + adminToken())
                .POST(BodyPublishers.ofString("{\"name\": \"" + "x".repeat(100) + "\", \"role\": \"reader\"}")));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aReaderMayReadButNotManagePrincipalsAndLosesAccessWhenRemoved() throws Exception {
        start();
        String admin = adminToken();

        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/principals"))
                .header("Authorization", "Bearer " + admin)
                .POST(BodyPublishers.ofString("{\"name\": \"dashboard\", \"role\": \"reader\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("location")).contains("/api/v1/principals/dashboard");
        String reader = json.readTree(created.body()).get("token").asText();

        assertThat(json.readTree(get("/api/v1/principals/me", reader).body()).get("role").asText()).isEqualTo("reader");
        assertProblem(get("/api/v1/principals", reader), 403, "NOT_AUTHORIZED");
        assertThat(get("/api/v1/principals", admin).body()).contains("\"dashboard\"").doesNotContain(reader);

        HttpResponse<String> removed = send(HttpRequest.newBuilder(uri("/api/v1/principals/dashboard"))
                .header("Authorization", "Bearer " + admin).DELETE());
        assertThat(removed.statusCode()).isEqualTo(204);
        assertProblem(get("/api/v1/principals/me", reader), 401, "INVALID_TOKEN");
    }

    @Test
    void openApiDocumentIsOpenApi31() throws Exception {
        start();

        HttpResponse<String> response = get("/api/v1/openapi.json", adminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.1");
        assertThat(document.get("paths").has("/api/v1/principals/me")).isTrue();
        assertProblem(get("/api/v1/openapi.json", null), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void mqttWebSocketUpgradesShareThePortOnBothPaths() throws Exception {
        start();

        for (String path : new String[] {"/mqtt", "/$iothub/websocket?iothub-no-client-cert=true"}) {
            try (Socket socket = new Socket("127.0.0.1", hub.httpPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));

                String headers = readHeaders(socket.getInputStream()).toLowerCase(Locale.ROOT);

                assertThat(headers).as(path).startsWith("http/1.1 101").contains("sec-websocket-protocol: mqtt");
            }
        }
        assertThat(get("/health", null).statusCode()).as("and HTTP on the same port").isEqualTo(200);
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.append((char) next);
        }
        return headers.toString();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.httpPort() + path);
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("type").asText()).startsWith("tag:thingbus.io,2026:problem:");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("instance").asText()).startsWith("/");
    }
}
