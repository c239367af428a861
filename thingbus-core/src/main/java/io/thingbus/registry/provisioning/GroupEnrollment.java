package io.thingbus.registry.provisioning;

import io.thingbus.registry.Device;
import java.time.Instant;
import java.util.Objects;

/**
 * Any number of devices allowed to register, each under its own registration id (which becomes its
 * device id), proving itself with a key derived from the group's key
 * ({@link EnrollmentKeys#deriveFor}). The group key stays with the operator or the factory; each
 * device carries only its derived key.
 *
 * @param groupId  a name for the group: a valid device id
 * @param keys     the group keys
 * @param settings initial tags, status, reprovisioning and allocation of every member
 * @param created  when it was enrolled
 * @param updated  when its settings last changed
 */
public record GroupEnrollment(String groupId, EnrollmentKeys keys, EnrollmentSettings settings, Instant created,
                              Instant updated) implements Enrollment {

    public GroupEnrollment {
        Device.requireValidId(groupId);
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    @Override
    public String id() {
        return groupId;
    }

    @Override
    public EnrollmentKind kind() {
        return EnrollmentKind.GROUP;
    }

    public GroupEnrollment withSettings(EnrollmentSettings newSettings, Instant at) {
        return new GroupEnrollment(groupId, keys, newSettings, created, at);
    }
}
