package io.thingbus.registry;

import java.util.Map;

/**
 * Chooses the telemetry partition of a new device (DESIGN.md section 5). The choice is recorded in
 * the registry and never changes, so a device's events stay in order.
 */
@FunctionalInterface
public interface PartitionAllocator {

    /** A partition in {@code [0, partitions)} for this device. */
    int allocate(String deviceId, Map<String, String> tags);

    /** Spreads devices by a hash of their id over {@code partitions} partitions. */
    static PartitionAllocator byIdHash(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return (deviceId, tags) -> Math.floorMod(deviceId.hashCode(), partitions);
    }
}
