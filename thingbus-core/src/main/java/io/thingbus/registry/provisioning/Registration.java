package io.thingbus.registry.provisioning;

import io.thingbus.registry.Device;
import java.time.Instant;
import java.util.Objects;

/**
 * The record that a registration id has been activated: which device it became, in which partition,
 * through which enrollment. Its existence is what makes activation happen once. Only assigned
 * registrations are recorded; a refused attempt leaves nothing.
 *
 * @param registrationId what the device registered as
 * @param deviceId       the device it became
 * @param partition      the device's partition
 * @param enrollmentKind the sort of enrollment that let it in
 * @param enrollmentId   that enrollment's registration or group id
 * @param assignments    how many times it was assigned: 1, plus one per reprovisioning
 * @param created        its first assignment
 * @param updated        its last assignment
 */
public record Registration(String registrationId, String deviceId, int partition, EnrollmentKind enrollmentKind,
                           String enrollmentId, int assignments, Instant created, Instant updated) {

    /** The status of every recorded registration, as Azure DPS names it. */
    public static final String ASSIGNED = "assigned";

    public Registration {
        Device.requireValidId(registrationId);
        Device.requireValidId(deviceId);
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        Objects.requireNonNull(enrollmentKind, "enrollmentKind");
        Device.requireValidId(enrollmentId);
        if (assignments < 1) {
            throw new IllegalArgumentException("assignments must be at least 1, was " + assignments);
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    /** {@code initialAssignment} for the first assignment, {@code reprovisioned} after. */
    public String substatus() {
        return assignments == 1 ? "initialAssignment" : "reprovisioned";
    }
}
