package io.thingbus.registry.provisioning;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Enrollments and registrations on the heap only: for tests and hubs without a data directory. */
public final class InMemoryEnrollmentStore implements EnrollmentStore {

    private final ConcurrentSkipListMap<String, IndividualEnrollment> individuals = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, GroupEnrollment> groups = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, Registration> registrations = new ConcurrentSkipListMap<>();

    @Override
    public Optional<IndividualEnrollment> findIndividual(String registrationId) {
        return Optional.ofNullable(individuals.get(registrationId));
    }

    @Override
    public void putIndividual(IndividualEnrollment enrollment) {
        individuals.put(enrollment.registrationId(), enrollment);
    }

    @Override
    public boolean removeIndividual(String registrationId) {
        return individuals.remove(registrationId) != null;
    }

    @Override
    public List<IndividualEnrollment> listIndividuals(String afterId, int limit) {
        NavigableMap<String, IndividualEnrollment> tail = afterId == null ? individuals : individuals.tailMap(afterId, false);
        return tail.values().stream().limit(limit).toList();
    }

    @Override
    public Optional<GroupEnrollment> findGroup(String groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    @Override
    public void putGroup(GroupEnrollment group) {
        groups.put(group.groupId(), group);
    }

    @Override
    public boolean removeGroup(String groupId) {
        return groups.remove(groupId) != null;
    }

    @Override
    public List<GroupEnrollment> groups() {
        return List.copyOf(groups.values());
    }

    @Override
    public Optional<Registration> findRegistration(String registrationId) {
        return Optional.ofNullable(registrations.get(registrationId));
    }

    @Override
    public void putRegistration(Registration registration) {
        registrations.put(registration.registrationId(), registration);
    }

    @Override
    public boolean removeRegistration(String registrationId) {
        return registrations.remove(registrationId) != null;
    }
}
