package io.thingbus.mqtt;

import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.provisioning.ProvisioningService;
import io.thingbus.telemetry.TelemetryIngest;

/**
 * The hub's own services behind the topics the broker serves itself instead of routing them (see
 * {@code docs/device-protocol.md}). Either may be off (null): its topics are then ordinary topics.
 *
 * @param telemetry    stores device telemetry published to {@code devices/{deviceId}/messages/events/...}
 *                     before it is acknowledged and routed to subscribers, stamped
 * @param devices      where a device's partition is looked up; required with {@code telemetry}
 * @param provisioning registers devices that ask on {@code $dps/registrations/...} (Azure DPS over MQTT)
 */
public record HubServices(TelemetryIngest telemetry, DeviceStore devices, ProvisioningService provisioning) {

    /** No hub topics: every topic is routed. */
    public static final HubServices NONE = new HubServices(null, null, null);

    public HubServices {
        if (telemetry != null && devices == null) {
            throw new IllegalArgumentException("telemetry needs the device store to find each device's partition");
        }
    }
}
