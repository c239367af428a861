package io.thingbus.registry.provisioning;

import io.thingbus.registry.Device;
import java.time.Instant;
import java.util.Objects;

/**
 * One device allowed to register, known by its registration id, proving itself with one of its own
 * keys. Once registered the device holds those same keys.
 *
 * @param registrationId what the device registers as: a valid device id
 * @param deviceId       the id of the device to create (by default the registration id)
 * @param parentId       the gateway of the device to create, or null; it must be registered by the time
 *                       the device registers
 * @param keys           the device's keys
 * @param settings       initial tags, status, reprovisioning and allocation
 * @param created        when it was enrolled
 * @param updated        when its settings last changed
 */
public record IndividualEnrollment(String registrationId, String deviceId, String parentId, EnrollmentKeys keys,
                                   EnrollmentSettings settings, Instant created, Instant updated) implements Enrollment {

    public IndividualEnrollment {
        Device.requireValidId(registrationId);
        Device.requireValidId(deviceId);
        if (parentId != null) {
            Device.requireValidId(parentId);
        }
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    @Override
    public String id() {
        return registrationId;
    }

    @Override
    public EnrollmentKind kind() {
        return EnrollmentKind.INDIVIDUAL;
    }

    public IndividualEnrollment withSettings(EnrollmentSettings newSettings, Instant at) {
        return new IndividualEnrollment(registrationId, deviceId, parentId, keys, newSettings, created, at);
    }
}
