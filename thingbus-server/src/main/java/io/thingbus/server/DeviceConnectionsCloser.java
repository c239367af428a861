package io.thingbus.server;

import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.MqttServer;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceListener;
import java.util.Objects;

/**
 * Closes a device's live MQTT connections when it is deleted or disabled, or its keys or certificate
 * thumbprints change, so a revoked credential stops working at once, not at the next connect. The
 * broker closes them on their own event loops; this returns without waiting.
 */
final class DeviceConnectionsCloser implements DeviceListener {

    private final MqttServer broker;

    DeviceConnectionsCloser(MqttServer broker) {
        this.broker = broker;
    }

    @Override
    public void deviceChanged(Device before, Device after) {
        if (before == null) {
            return;
        }
        String reason = reason(before, after);
        if (reason != null) {
            broker.disconnectDevice(before.id(), ErrorCode.NOT_AUTHORIZED, reason);
        }
    }

    /** Why the device's connections must close, or null when they may stay. */
    private static String reason(Device before, Device after) {
        if (after == null) {
            return "device deleted";
        }
        if (!after.isEnabled()) {
            return "device disabled";
        }
        if (!Objects.equals(before.credentials(), after.credentials())) {
            return "device credentials changed";
        }
        return null;
    }
}
