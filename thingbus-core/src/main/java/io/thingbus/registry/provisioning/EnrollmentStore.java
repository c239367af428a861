package io.thingbus.registry.provisioning;

import java.util.List;
import java.util.Optional;

/**
 * Where enrollments and registrations live. Implementations are safe for concurrent use; a write is
 * durable when the method returns. Group enrollments are expected to be few (tens), so they are read
 * all at once; individual enrollments may be many, so they are listed in pages.
 */
public interface EnrollmentStore {

    Optional<IndividualEnrollment> findIndividual(String registrationId);

    /** Adds the enrollment, or replaces the one with its registration id. */
    void putIndividual(IndividualEnrollment enrollment);

    /** False when there was none. */
    boolean removeIndividual(String registrationId);

    /** Up to {@code limit} individual enrollments in registration id order, after {@code afterId} (null: from the first). */
    List<IndividualEnrollment> listIndividuals(String afterId, int limit);

    Optional<GroupEnrollment> findGroup(String groupId);

    /** Adds the group, or replaces the one with its id. */
    void putGroup(GroupEnrollment group);

    /** False when there was none. */
    boolean removeGroup(String groupId);

    /** Every group enrollment, in group id order. */
    List<GroupEnrollment> groups();

    Optional<Registration> findRegistration(String registrationId);

    /** Adds the registration, or replaces the one with its registration id. */
    void putRegistration(Registration registration);

    /** False when there was none. */
    boolean removeRegistration(String registrationId);
}
