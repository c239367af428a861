package io.thingbus.registry.provisioning;

import java.util.Map;
import java.util.Objects;

/**
 * What individual and group enrollments share: what the devices they let in start with, and whether
 * they may register.
 *
 * @param tags                the new device's initial tags
 * @param status              whether registrations are accepted
 * @param allowReprovisioning whether a device already registered may register again (and get its
 *                            configuration anew, keys unchanged); otherwise a second registration is refused
 * @param allocationPolicy    how to choose the device's partition, or null for the hub's default
 */
public record EnrollmentSettings(Map<String, String> tags, EnrollmentStatus status, boolean allowReprovisioning,
                                 AllocationPolicy allocationPolicy) {

    public EnrollmentSettings {
        tags = Map.copyOf(tags);
        Objects.requireNonNull(status, "status");
    }

    /** Enabled, no tags, no reprovisioning, the hub's allocation policy. */
    public static EnrollmentSettings defaults() {
        return new EnrollmentSettings(Map.of(), EnrollmentStatus.ENABLED, false, null);
    }

    public EnrollmentSettings withStatus(EnrollmentStatus newStatus) {
        return new EnrollmentSettings(tags, newStatus, allowReprovisioning, allocationPolicy);
    }

    public EnrollmentSettings withAllowReprovisioning(boolean allow) {
        return new EnrollmentSettings(tags, status, allow, allocationPolicy);
    }

    public boolean isEnabled() {
        return status == EnrollmentStatus.ENABLED;
    }
}
