package io.thingbus.registry.provisioning;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.registry.DeviceRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The provisioning allow-list as operators manage it: enroll devices alone or in groups (with fresh
 * keys unless given), change whether an enrollment accepts registrations, remove it; read and reset
 * registrations. Writes serialize on this object; reads go straight to the store.
 *
 * <p>Removing an enrollment leaves the devices it let in and their registrations as they are; removing
 * a registration lets its registration id activate once more.
 */
public final class Enrollments {

    private final EnrollmentStore store;
    private final Clock clock;
    private final SecureRandom random;

    public Enrollments(EnrollmentStore store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Enrolls one device.
     *
     * @param deviceId the device to create, or null for the registration id
     * @param parentId its gateway, or null
     * @param keys     its keys, or null for two fresh ones
     * @throws ThingbusException {@link ErrorCode#BAD_REQUEST} for an invalid id, {@link ErrorCode#CONFLICT} when
     *                           the registration id is enrolled already
     */
    public synchronized IndividualEnrollment createIndividual(String registrationId, String deviceId, String parentId,
                                                              EnrollmentKeys keys, EnrollmentSettings settings) {
        Instant now = clock.instant();
        IndividualEnrollment enrollment = badRequestUnlessValid(() -> new IndividualEnrollment(registrationId,
                deviceId == null ? registrationId : deviceId, parentId, keys == null ? newKeys() : keys, settings, now, now));
        if (store.findIndividual(registrationId).isPresent()) {
            throw new ThingbusException(ErrorCode.CONFLICT, "registration '" + registrationId + "' is enrolled already");
        }
        store.putIndividual(enrollment);
        return enrollment;
    }

    /**
     * Enrolls a group.
     *
     * @param keys the group keys, or null for two fresh ones
     * @throws ThingbusException {@link ErrorCode#BAD_REQUEST} for an invalid id, {@link ErrorCode#CONFLICT} when
     *                           the group exists
     */
    public synchronized GroupEnrollment createGroup(String groupId, EnrollmentKeys keys, EnrollmentSettings settings) {
        Instant now = clock.instant();
        GroupEnrollment group = badRequestUnlessValid(() ->
                new GroupEnrollment(groupId, keys == null ? newKeys() : keys, settings, now, now));
        if (store.findGroup(groupId).isPresent()) {
            throw new ThingbusException(ErrorCode.CONFLICT, "enrollment group '" + groupId + "' exists already");
        }
        store.putGroup(group);
        return group;
    }

    /** The enrollment, or {@link ErrorCode#NOT_FOUND}. */
    public IndividualEnrollment requireIndividual(String registrationId) {
        return store.findIndividual(registrationId).orElseThrow(() -> new ThingbusException(ErrorCode.NOT_FOUND,
                "no individual enrollment '" + registrationId + "'"));
    }

    /** Up to {@code limit} individual enrollments in registration id order after {@code afterId} (null: from the first). */
    public List<IndividualEnrollment> listIndividuals(String afterId, int limit) {
        return store.listIndividuals(afterId, limit);
    }

    /** The group, or {@link ErrorCode#NOT_FOUND}. */
    public GroupEnrollment requireGroup(String groupId) {
        return store.findGroup(groupId).orElseThrow(() -> new ThingbusException(ErrorCode.NOT_FOUND,
                "no enrollment group '" + groupId + "'"));
    }

    /** Every group, in id order. */
    public List<GroupEnrollment> groups() {
        return store.groups();
    }

    /** Changes an individual enrollment's settings; {@link ErrorCode#NOT_FOUND} when there is none. */
    public synchronized IndividualEnrollment updateIndividual(String registrationId, UnaryOperator<EnrollmentSettings> change) {
        IndividualEnrollment before = requireIndividual(registrationId);
        IndividualEnrollment after = before.withSettings(change.apply(before.settings()), clock.instant());
        store.putIndividual(after);
        return after;
    }

    /** Changes a group's settings; {@link ErrorCode#NOT_FOUND} when there is none. */
    public synchronized GroupEnrollment updateGroup(String groupId, UnaryOperator<EnrollmentSettings> change) {
        GroupEnrollment before = requireGroup(groupId);
        GroupEnrollment after = before.withSettings(change.apply(before.settings()), clock.instant());
        store.putGroup(after);
        return after;
    }

    /** Removes an individual enrollment; {@link ErrorCode#NOT_FOUND} when there is none. */
    public synchronized void removeIndividual(String registrationId) {
        if (!store.removeIndividual(registrationId)) {
            throw new ThingbusException(ErrorCode.NOT_FOUND, "no individual enrollment '" + registrationId + "'");
        }
    }

    /** Removes a group; {@link ErrorCode#NOT_FOUND} when there is none. */
    public synchronized void removeGroup(String groupId) {
        if (!store.removeGroup(groupId)) {
            throw new ThingbusException(ErrorCode.NOT_FOUND, "no enrollment group '" + groupId + "'");
        }
    }

    /** The registration of this id, or {@link ErrorCode#NOT_FOUND} when it has not registered. */
    public Registration requireRegistration(String registrationId) {
        return store.findRegistration(registrationId).orElseThrow(() -> new ThingbusException(ErrorCode.NOT_FOUND,
                "registration '" + registrationId + "' has not registered"));
    }

    /**
     * Forgets a registration, so its registration id may activate once more (its device stays);
     * {@link ErrorCode#NOT_FOUND} when there is none.
     */
    public synchronized void removeRegistration(String registrationId) {
        if (!store.removeRegistration(registrationId)) {
            throw new ThingbusException(ErrorCode.NOT_FOUND, "registration '" + registrationId + "' has not registered");
        }
    }

    private EnrollmentKeys newKeys() {
        return new EnrollmentKeys(newKey(), newKey());
    }

    private String newKey() {
        byte[] key = new byte[DeviceRegistry.KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static <T> T badRequestUnlessValid(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
    }
}
