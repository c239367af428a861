package io.thingbus.http;

import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.LiveActivity;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.ProvisioningService;
import java.util.Objects;

/**
 * The services the management API fronts, one per group of routes.
 *
 * @param principals   service principals and their bearer tokens ({@code /api/v1/principals}, and every caller)
 * @param devices      the device registry ({@code /api/v1/devices})
 * @param connectivity connection state and its kept log ({@code /api/v1/devices/{id}/connection},
 *                     {@code /api/v1/connectivity/events})
 * @param users        MQTT user name and password clients ({@code /api/v1/users})
 * @param provisioning device self-registration ({@code /api/v1/provisioning})
 * @param enrollments  the provisioning allow-list ({@code /api/v1/enrollments}, {@code /api/v1/registrations})
 * @param telemetry    device messages over HTTP, events, exports, consumer groups and the live stream
 *                     ({@code /api/v1/devices/{id}/messages/events}, {@code /api/v1/devices/{id}/events},
 *                     {@code /api/v1/consumer-groups}, {@code /api/v1/telemetry/stream})
 * @param liveActivity when a connected device last sent a packet (the broker's), for its connection state
 */
public record ApiBackends(ServicePrincipals principals, DeviceRegistry devices, ConnectivityTracker connectivity,
                          MqttUsers users, ProvisioningService provisioning, Enrollments enrollments,
                          TelemetryBackends telemetry, LiveActivity liveActivity) {

    public ApiBackends {
        Objects.requireNonNull(principals, "principals");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(provisioning, "provisioning");
        Objects.requireNonNull(enrollments, "enrollments");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(liveActivity, "liveActivity");
    }
}
