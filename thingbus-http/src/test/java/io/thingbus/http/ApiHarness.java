package io.thingbus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.events.TelemetryStores;
import io.thingbus.http.internal.api.ProvisioningFixture;
import io.thingbus.http.internal.api.TelemetryFixture;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.mqtt.MqttServer;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryConnectivityEventStore;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.LiveActivity;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.InMemoryMqttUserStore;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.HubEndpoints;
import io.thingbus.registry.provisioning.LeastLoadedAllocator;
import io.thingbus.registry.provisioning.PartitionAllocators;
import java.io.IOException;
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

/**
 * A real {@link HttpServer} on a loopback port picked by the system, bound on a real (in-memory) broker's
 * event loops, with one principal per role, called with the JDK's HTTP client.
 */
final class ApiHarness implements AutoCloseable {

    static final String HOSTNAME = "hub.example.org";
    static final int PARTITIONS = 4;

    final DeviceRegistry registry;
    final ConnectivityTracker connectivity;
    final TelemetryStores telemetry;
    final String admin;
    final String operator;
    final String reader;
    private final MqttServer broker;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiHarness(HttpServerConfig config, DeviceStore store, Clock clock) throws InterruptedException {
        this(config, store, clock, new InMemoryTelemetryStores(), Pseudonymiser.NONE);
    }

    /** With telemetry in {@code telemetry}, pseudonymised at ingest by {@code pseudonymiser}. */
    ApiHarness(HttpServerConfig config, DeviceStore store, Clock clock, TelemetryStores telemetry,
               Pseudonymiser pseudonymiser) throws InterruptedException {
        this.telemetry = telemetry;
        ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), clock, new SecureRandom());
        admin = principals.create("root", Role.ADMIN).token();
        operator = principals.create("ops", Role.OPERATOR).token();
        reader = principals.create("dashboard", Role.READER).token();
        registry = new DeviceRegistry(store, PartitionAllocator.byIdHash(PARTITIONS), clock, new SecureRandom());
        broker = new MqttServer(MqttServerConfig.defaults().withListeners("127.0.0.1", 0, 0).withTlsListeners(-1, -1));
        broker.start();
        ProvisioningFixture provisioning = ProvisioningFixture.over(registry, new PartitionAllocators(
                LeastLoadedAllocator.count(store, PARTITIONS), AllocationPolicy.HASH), clock, this::hubEndpoints);
        connectivity = new ConnectivityTracker(new InMemoryConnectivityEventStore(), 1_000);
        ApiBackends backends = new ApiBackends(principals, registry, connectivity,
                new MqttUsers(new InMemoryMqttUserStore(), clock, new SecureRandom(), PasswordHash.MIN_ITERATIONS),
                provisioning.service(), provisioning.enrollments(),
                TelemetryFixture.over(store, registry, telemetry, pseudonymiser, PARTITIONS, clock), LiveActivity.NONE);
        server = new HttpServer(config.withHostname(HOSTNAME), backends, clock, broker.webSocket(), broker.metrics());
        server.start(handler -> broker.bindListener(0, handler));
    }

    /** Where provisioned devices are told to connect: this harness's ports. */
    private HubEndpoints hubEndpoints() {
        return new HubEndpoints(HOSTNAME, broker.port(), -1, server.port(), -1, "/mqtt",
                MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH);
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    /** A request with a JSON body (or, when {@code json} is null, none). */
    HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(method, path, token, json, "application/json");
    }

    HttpResponse<String> send(String method, String path, String token, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, token);
        if (body == null) {
            return send(request.method(method, BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", contentType).method(method, BodyPublishers.ofString(body)));
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    int port() {
        return server.port();
    }

    HttpClient client() {
        return client;
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts a problem+json answer with this status and code; returns its detail. */
    static String assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem.get("detail").asText();
    }

    @Override
    public void close() {
        client.close();
        server.close();
        broker.close();
    }
}
