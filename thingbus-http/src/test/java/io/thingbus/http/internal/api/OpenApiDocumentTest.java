package io.thingbus.http.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.http.PostedTelemetry;
import io.thingbus.http.internal.devices.DeviceCredentialEndpoints;
import io.thingbus.http.internal.devices.DeviceEndpoints;
import io.thingbus.http.internal.devices.DeviceImportEndpoint;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.http.internal.routing.Route;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.MqttMetrics;
import io.thingbus.http.internal.connectivity.ConnectivityEndpoints;
import io.thingbus.http.internal.users.MqttUserEndpoints;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryConnectivityEventStore;
import io.thingbus.registry.LiveActivity;
import io.thingbus.registry.auth.InMemoryMqttUserStore;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.events.InMemoryTelemetryStores;
import io.thingbus.http.internal.telemetry.ConsumerGroupEndpoints;
import io.thingbus.http.internal.telemetry.DeviceMessageEndpoint;
import io.thingbus.http.internal.telemetry.EventEndpoints;
import io.thingbus.http.internal.telemetry.TelemetryStreamEndpoint;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryIngest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written document and the route table describe the same API. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final OpenApiDocument openApi = OpenApiDocument.load();
    private final JsonNode document = openApi.document();

    @Test
    void isOpenApi31WithABearerSchemeRequiredByDefault() {
        assertThat(document.get("openapi").asText()).startsWith("3.1");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void documentsEveryRouteAndNothingElse() {
        Set<String> routes = new HashSet<>();
        try (HubMetrics metrics = new HubMetrics(idleBroker(),
                new ConnectivityTracker(new InMemoryConnectivityEventStore(), 1))) {
            DeviceRegistry registry = new DeviceRegistry(new InMemoryDeviceStore(), PartitionAllocator.byIdHash(1),
                    Clock.systemUTC(), new SecureRandom());
            Router router = ApiRoutes.router(new SystemEndpoints(metrics), openApi, new PrincipalEndpoints(
                    new ServicePrincipals(new InMemoryPrincipalStore(), Clock.systemUTC(), new SecureRandom())),
                    new ApiRoutes.DeviceRoutes(new DeviceEndpoints(registry, "hub"),
                            new DeviceCredentialEndpoints(registry, "hub", Clock.systemUTC()),
                            new DeviceImportEndpoint(registry),
                            new ConnectivityEndpoints(registry,
                                    new ConnectivityTracker(new InMemoryConnectivityEventStore(), 1), LiveActivity.NONE,
                                    Duration.ofSeconds(15))),
                    new MqttUserEndpoints(new MqttUsers(new InMemoryMqttUserStore(), Clock.systemUTC(),
                            new SecureRandom(), PasswordHash.MIN_ITERATIONS)),
                    new ApiRoutes.ProvisioningRoutes(new ProvisioningEndpoints(ProvisioningFixture.inMemory().service()),
                            new EnrollmentEndpoints(ProvisioningFixture.inMemory().enrollments())),
                    telemetryRoutes(registry));
            for (Route route : router.routes()) {
                routes.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.template());
            }
        }
        Set<String> documented = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(member -> {
                if (METHODS.contains(member)) {
                    documented.add(member + " " + path.getKey());
                }
            });
        }

        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void publicRoutesAreExactlyTheOnesWithoutSecurity() {
        assertThat(document.at("/paths/~1health/get/security").isEmpty()).isTrue();
        assertThat(document.at("/paths/~1metrics/get/security").isEmpty()).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1principals~1me/get").has("security")).isFalse();
    }

    @Test
    void theDeviceRouteTakesADeviceSasTokenInsteadOfABearerToken() {
        JsonNode register = document.at("/paths/~1api~1v1~1provisioning~1{registrationId}~1register/post");

        assertThat(register.at("/security/0").has("deviceSas")).isTrue();
        assertThat(register.at("/security/0").has("bearer")).isFalse();
        assertThat(document.at("/components/securitySchemes/deviceSas/name").asText()).isEqualTo("Authorization");
    }

    @Test
    void problemSchemaHasTheRfc9457MembersAndListsRealCodes() {
        JsonNode problem = document.at("/components/schemas/Problem");

        assertThat(problem.at("/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "instance", "code");
        problem.at("/properties/code/examples").forEach(code -> assertThat(ErrorCode.valueOf(code.asText())).isNotNull());
    }

    @Test
    void everyReferenceResolves() {
        assertReferencesResolve(document);
    }

    private void assertReferencesResolve(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                assertThat(document.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse();
            }
            node.elements().forEachRemaining(this::assertReferencesResolve);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(this::assertReferencesResolve);
        }
    }

    @Test
    void servedBytesAreTheDocument() {
        assertThat(Json.read(openApi.serve().body())).isEqualTo(document);
        assertThat(openApi.serve().contentType()).isEqualTo("application/json");
    }

    private static ApiRoutes.TelemetryRoutes telemetryRoutes(DeviceRegistry registry) {
        InMemoryTelemetryStores stores = new InMemoryTelemetryStores();
        return new ApiRoutes.TelemetryRoutes(
                new DeviceMessageEndpoint(ClientAuthenticator.ALLOW_ALL, registry,
                        new TelemetryIngest(stores.telemetryLog(), Pseudonymiser.NONE, Clock.systemUTC()), 1,
                        PostedTelemetry.NONE),
                new EventEndpoints(stores.events()), new ConsumerGroupEndpoints(stores, 1),
                new TelemetryStreamEndpoint(stores.telemetryLog(), registry, 1, Duration.ofSeconds(15)));
    }

    private static MqttMetrics idleBroker() {
        return new MqttMetrics() {
            @Override
            public int connections() {
                return 0;
            }

            @Override
            public int sessions() {
                return 0;
            }
        };
    }
}
