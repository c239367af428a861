package io.thingbus.http.internal.telemetry;

import io.thingbus.registry.DeviceRegistry;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.Map;

/**
 * Which records a telemetry stream passes on: of one device, and/or of devices with a tag. A device's tags
 * are read from the registry once per piece of the stream (so a changed tag applies from the next piece).
 *
 * @param deviceId the device, or null for any
 * @param tagName  the tag's name, or null for any device
 * @param tagValue the tag's value (when {@code tagName} is set)
 */
record TelemetryFilter(DeviceRegistry registry, String deviceId, String tagName, String tagValue) {

    /**
     * @param tagMatches whether each device looked at in this piece has the tag; filled as devices are read
     */
    boolean matches(TelemetryRecord record, Map<String, Boolean> tagMatches) {
        if (deviceId != null && !deviceId.equals(record.deviceId())) {
            return false;
        }
        if (tagName == null) {
            return true;
        }
        return tagMatches.computeIfAbsent(record.deviceId(), id -> registry.find(id)
                .map(device -> tagValue.equals(device.tags().get(tagName)))
                .orElse(false));
    }
}
