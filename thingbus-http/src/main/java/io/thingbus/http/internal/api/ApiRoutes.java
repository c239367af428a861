package io.thingbus.http.internal.api;

import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.http.internal.connectivity.ConnectivityEndpoints;
import io.thingbus.http.internal.devices.DeviceCredentialEndpoints;
import io.thingbus.http.internal.devices.DeviceEndpoints;
import io.thingbus.http.internal.devices.DeviceImportEndpoint;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.http.internal.telemetry.ConsumerGroupEndpoints;
import io.thingbus.http.internal.telemetry.DeviceMessageEndpoint;
import io.thingbus.http.internal.telemetry.EventEndpoints;
import io.thingbus.http.internal.telemetry.TelemetryStreamEndpoint;
import io.thingbus.http.internal.users.MqttUserEndpoints;
import io.thingbus.registry.Role;

/** Every route of the HTTP port, in one table. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /** The endpoints of the device registry. */
    public record DeviceRoutes(DeviceEndpoints devices, DeviceCredentialEndpoints credentials,
                               DeviceImportEndpoint imports, ConnectivityEndpoints connectivity) {
    }

    /** The endpoints of provisioning: the device's registration and the allow-list. */
    public record ProvisioningRoutes(ProvisioningEndpoints provisioning, EnrollmentEndpoints enrollments) {
    }

    /** The endpoints of telemetry: devices posting messages, events and exports, consumer groups, the live stream. */
    public record TelemetryRoutes(DeviceMessageEndpoint messages, EventEndpoints events,
                                  ConsumerGroupEndpoints consumerGroups, TelemetryStreamEndpoint stream) {
    }

    public static Router router(SystemEndpoints system, OpenApiDocument openApi, PrincipalEndpoints principals,
                                DeviceRoutes devices, MqttUserEndpoints users, ProvisioningRoutes provisioning,
                                TelemetryRoutes telemetry) {
        EnrollmentEndpoints enrollments = provisioning.enrollments();
        ConsumerGroupEndpoints groups = telemetry.consumerGroups();
        return Router.builder()
                .publicRoute(HttpMethod.GET, "/health", request -> system.health())
                .publicRoute(HttpMethod.GET, "/metrics", request -> system.metrics())
                .route(HttpMethod.GET, "/api/v1/openapi.json", Role.READER, request -> openApi.serve())
                .route(HttpMethod.GET, "/api/v1/principals/me", Role.READER, principals::me)
                .route(HttpMethod.GET, "/api/v1/principals", Role.ADMIN, principals::list)
                .route(HttpMethod.POST, "/api/v1/principals", Role.ADMIN, principals::create)
                .route(HttpMethod.GET, "/api/v1/principals/{name}", Role.ADMIN, principals::show)
                .route(HttpMethod.DELETE, "/api/v1/principals/{name}", Role.ADMIN, principals::remove)
                .route(HttpMethod.GET, "/api/v1/devices", Role.READER, devices.devices()::list)
                .route(HttpMethod.POST, "/api/v1/devices", Role.OPERATOR, devices.devices()::create)
                .route(HttpMethod.POST, "/api/v1/devices/import", Role.OPERATOR, devices.imports()::importDevices)
                .route(HttpMethod.GET, "/api/v1/devices/{id}", Role.READER, devices.devices()::show)
                .route(HttpMethod.PATCH, "/api/v1/devices/{id}", Role.OPERATOR, devices.devices()::update)
                .route(HttpMethod.DELETE, "/api/v1/devices/{id}", Role.OPERATOR, devices.devices()::delete)
                .route(HttpMethod.POST, "/api/v1/devices/{id}/keys/regenerate", Role.OPERATOR,
                        devices.credentials()::regenerateKey)
                .route(HttpMethod.PUT, "/api/v1/devices/{id}/x509", Role.OPERATOR, devices.credentials()::setThumbprints)
                .route(HttpMethod.POST, "/api/v1/devices/{id}/token", Role.OPERATOR, devices.credentials()::mintToken)
                .route(HttpMethod.GET, "/api/v1/devices/{id}/connection", Role.READER,
                        devices.connectivity()::deviceConnection)
                .route(HttpMethod.GET, "/api/v1/connectivity/events", Role.READER, devices.connectivity()::events)
                .route(HttpMethod.GET, "/api/v1/connectivity/stream", Role.READER, devices.connectivity()::stream)
                .route(HttpMethod.GET, "/api/v1/users", Role.ADMIN, users::list)
                .route(HttpMethod.POST, "/api/v1/users", Role.ADMIN, users::create)
                .route(HttpMethod.GET, "/api/v1/users/{name}", Role.ADMIN, users::show)
                .route(HttpMethod.DELETE, "/api/v1/users/{name}", Role.ADMIN, users::remove)
                // provisioning: the device registers itself with its SAS token; operators manage the allow-list
                .deviceRoute(HttpMethod.POST, "/api/v1/provisioning/{registrationId}/register",
                        provisioning.provisioning()::register)
                .route(HttpMethod.POST, "/api/v1/enrollments/individual", Role.OPERATOR, enrollments::createIndividual)
                .route(HttpMethod.GET, "/api/v1/enrollments/individual", Role.READER, enrollments::listIndividuals)
                .route(HttpMethod.GET, "/api/v1/enrollments/individual/{registrationId}", Role.READER,
                        enrollments::showIndividual)
                .route(HttpMethod.PATCH, "/api/v1/enrollments/individual/{registrationId}", Role.OPERATOR,
                        enrollments::patchIndividual)
                .route(HttpMethod.DELETE, "/api/v1/enrollments/individual/{registrationId}", Role.OPERATOR,
                        enrollments::removeIndividual)
                .route(HttpMethod.POST, "/api/v1/enrollments/groups", Role.OPERATOR, enrollments::createGroup)
                .route(HttpMethod.GET, "/api/v1/enrollments/groups", Role.READER, enrollments::listGroups)
                .route(HttpMethod.GET, "/api/v1/enrollments/groups/{groupId}", Role.READER, enrollments::showGroup)
                .route(HttpMethod.PATCH, "/api/v1/enrollments/groups/{groupId}", Role.OPERATOR, enrollments::patchGroup)
                .route(HttpMethod.DELETE, "/api/v1/enrollments/groups/{groupId}", Role.OPERATOR, enrollments::removeGroup)
                .route(HttpMethod.GET, "/api/v1/registrations/{registrationId}", Role.READER, enrollments::showRegistration)
                .route(HttpMethod.DELETE, "/api/v1/registrations/{registrationId}", Role.OPERATOR,
                        enrollments::removeRegistration)
                // telemetry: devices post with their SAS token; services read events, groups and the live stream
                .deviceRoute(HttpMethod.POST, "/api/v1/devices/{id}/messages/events", telemetry.messages()::send)
                .route(HttpMethod.GET, "/api/v1/devices/{id}/events", Role.READER, telemetry.events()::page)
                .route(HttpMethod.GET, "/api/v1/devices/{id}/events.csv", Role.READER, telemetry.events()::csv)
                .route(HttpMethod.GET, "/api/v1/devices/{id}/events.ndjson", Role.READER, telemetry.events()::ndjson)
                .route(HttpMethod.GET, "/api/v1/consumer-groups/{group}", Role.READER, groups::show)
                .route(HttpMethod.POST, "/api/v1/consumer-groups/{group}/fetch", Role.READER, groups::fetch)
                .route(HttpMethod.POST, "/api/v1/consumer-groups/{group}/commit", Role.READER, groups::commit)
                .route(HttpMethod.GET, "/api/v1/telemetry/stream", Role.READER, telemetry.stream()::stream)
                .build();
    }
}
