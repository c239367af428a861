package io.thingbus.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A device the hub knows.
 *
 * @param id          1 to 128 of {@code A-Z a-z 0-9 - . _ : @ = , ! ( ) $ '} (no {@code / + #}, so it
 *                    is always one MQTT topic level)
 * @param status      whether it may connect
 * @param credentials its keys and certificate thumbprints
 * @param tags        operator-defined attributes, e.g. {@code housingUnit=H-17, neighbourhood=N3}
 * @param parentId    the gateway that may publish and receive for it, or null
 * @param partition   the telemetry partition its events go to, assigned once by the allocator
 * @param created     when it was registered
 * @param updated     when its status, tags, parent or credentials last changed
 */
public record Device(String id, DeviceStatus status, DeviceCredentials credentials, Map<String, String> tags,
                     String parentId, int partition, Instant created, Instant updated) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-._:@=,!()$']{1,128}");

    public Device {
        requireValidId(id);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(credentials, "credentials");
        tags = Map.copyOf(tags);
        if (parentId != null) {
            requireValidId(parentId);
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    /** @throws IllegalArgumentException saying what a device id may be */
    public static String requireValidId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a device id is 1 to 128 of A-Z a-z 0-9 - . _ : @ = , ! ( ) $ ' "
                    + "(no / + #), was '" + id + "'");
        }
        return id;
    }

    public boolean isEnabled() {
        return status == DeviceStatus.ENABLED;
    }

    public Device withStatus(DeviceStatus newStatus, Instant at) {
        return new Device(id, newStatus, credentials, tags, parentId, partition, created, at);
    }

    public Device withTags(Map<String, String> newTags, Instant at) {
        return new Device(id, status, credentials, newTags, parentId, partition, created, at);
    }

    public Device withParent(String newParentId, Instant at) {
        return new Device(id, status, credentials, tags, newParentId, partition, created, at);
    }

    public Device withCredentials(DeviceCredentials newCredentials, Instant at) {
        return new Device(id, status, newCredentials, tags, parentId, partition, created, at);
    }
}
