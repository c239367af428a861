package io.thingbus.registry.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EnrollmentStore} must do; each implementation's test extends this. Enrollments
 * and registrations read back exactly as written, individual enrollments, groups and registrations
 * are separate name spaces, and a store that survives a reopen keeps every write.
 */
public abstract class EnrollmentStoreContract {

    private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123456789Z");
    private static final Instant UPDATED = Instant.parse("2026-11-22T08:00:00Z");

    /** A new, empty store. */
    protected abstract EnrollmentStore newStore();

    /** The same store as another instance would see it after a restart (or the same one when it cannot). */
    protected abstract EnrollmentStore reopen(EnrollmentStore current);

    protected static EnrollmentKeys keys(char fill) {
        return new EnrollmentKeys(Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32)
                .getBytes(StandardCharsets.US_ASCII)), Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(64)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    protected static IndividualEnrollment individual(String registrationId) {
        return new IndividualEnrollment(registrationId, registrationId, null, keys('a'), EnrollmentSettings.defaults(),
                CREATED, CREATED);
    }

    protected static GroupEnrollment group(String groupId) {
        return new GroupEnrollment(groupId, keys('g'), EnrollmentSettings.defaults(), CREATED, CREATED);
    }

    protected static Registration registration(String registrationId) {
        return new Registration(registrationId, registrationId, 3, EnrollmentKind.GROUP, "badges", 1, CREATED, CREATED);
    }

    @Test
    void isEmptyAtFirst() {
        EnrollmentStore store = newStore();

        assertThat(store.findIndividual("reg-1")).isEmpty();
        assertThat(store.findGroup("badges")).isEmpty();
        assertThat(store.findRegistration("reg-1")).isEmpty();
        assertThat(store.listIndividuals(null, 10)).isEmpty();
        assertThat(store.groups()).isEmpty();
    }

    @Test
    void roundTripsEveryFieldOfAnIndividualEnrollment() {
        EnrollmentStore store = newStore();
        IndividualEnrollment full = new IndividualEnrollment("reg-1", "sensor.1@site", "gw-1", keys('k'),
                new EnrollmentSettings(Map.of("room", "A-1", "ünïcode", "välue"), EnrollmentStatus.DISABLED, true,
                        new AllocationPolicy.ByTag("room")), CREATED, UPDATED);
        IndividualEnrollment bare = individual("reg-2");

        store.putIndividual(full);
        store.putIndividual(bare);

        EnrollmentStore reopened = reopen(store);
        assertThat(reopened.findIndividual("reg-1")).contains(full);
        assertThat(reopened.findIndividual("reg-2")).contains(bare);
    }

    @Test
    void roundTripsEveryFieldOfAGroup() {
        EnrollmentStore store = newStore();
        GroupEnrollment full = new GroupEnrollment("badges", keys('q'), new EnrollmentSettings(Map.of("kind", "badge"),
                EnrollmentStatus.DISABLED, true, AllocationPolicy.LEAST_LOADED), CREATED, UPDATED);
        GroupEnrollment hashed = new GroupEnrollment("hashed", keys('r'), new EnrollmentSettings(Map.of(),
                EnrollmentStatus.ENABLED, false, AllocationPolicy.HASH), CREATED, CREATED);

        store.putGroup(full);
        store.putGroup(hashed);

        EnrollmentStore reopened = reopen(store);
        assertThat(reopened.findGroup("badges")).contains(full);
        assertThat(reopened.findGroup("hashed")).contains(hashed);
    }

    @Test
    void roundTripsEveryFieldOfARegistration() {
        EnrollmentStore store = newStore();
        Registration written = new Registration("badge-7", "badge-7-device", 1234, EnrollmentKind.INDIVIDUAL, "badge-7",
                17, CREATED, UPDATED);

        store.putRegistration(written);

        assertThat(reopen(store).findRegistration("badge-7")).contains(written);
    }

    @Test
    void putReplaces() {
        EnrollmentStore store = newStore();
        store.putIndividual(individual("reg-1"));
        store.putGroup(group("badges"));
        store.putRegistration(registration("reg-1"));
        IndividualEnrollment individual = individual("reg-1").withSettings(
                EnrollmentSettings.defaults().withStatus(EnrollmentStatus.DISABLED), UPDATED);
        GroupEnrollment group = group("badges").withSettings(EnrollmentSettings.defaults().withAllowReprovisioning(true),
                UPDATED);
        Registration registration = new Registration("reg-1", "reg-1", 3, EnrollmentKind.GROUP, "badges", 2, CREATED,
                UPDATED);

        store.putIndividual(individual);
        store.putGroup(group);
        store.putRegistration(registration);

        EnrollmentStore reopened = reopen(store);
        assertThat(reopened.listIndividuals(null, 10)).containsExactly(individual);
        assertThat(reopened.groups()).containsExactly(group);
        assertThat(reopened.findRegistration("reg-1")).contains(registration);
    }

    @Test
    void individualsGroupsAndRegistrationsAreSeparateNameSpaces() {
        EnrollmentStore store = newStore();
        store.putIndividual(individual("same"));
        store.putGroup(group("same"));
        store.putRegistration(registration("same"));

        assertThat(store.removeGroup("same")).isTrue();

        EnrollmentStore reopened = reopen(store);
        assertThat(reopened.findIndividual("same")).isPresent();
        assertThat(reopened.findGroup("same")).isEmpty();
        assertThat(reopened.findRegistration("same")).isPresent();
        assertThat(reopened.listIndividuals(null, 10)).extracting(IndividualEnrollment::registrationId).containsExactly("same");
    }

    @Test
    void removeForgetsAndSaysWhetherThereWasOne() {
        EnrollmentStore store = newStore();
        store.putIndividual(individual("reg-1"));
        store.putIndividual(individual("keep"));
        store.putGroup(group("badges"));
        store.putRegistration(registration("reg-1"));

        assertThat(store.removeIndividual("reg-1")).isTrue();
        assertThat(store.removeIndividual("reg-1")).isFalse();
        assertThat(store.removeGroup("badges")).isTrue();
        assertThat(store.removeGroup("badges")).isFalse();
        assertThat(store.removeRegistration("reg-1")).isTrue();
        assertThat(store.removeRegistration("reg-1")).isFalse();

        EnrollmentStore reopened = reopen(store);
        assertThat(reopened.findIndividual("reg-1")).isEmpty();
        assertThat(reopened.listIndividuals(null, 10)).extracting(IndividualEnrollment::registrationId).containsExactly("keep");
        assertThat(reopened.groups()).isEmpty();
        assertThat(reopened.findRegistration("reg-1")).isEmpty();
    }

    @Test
    void listsIndividualsInIdOrderInPages() {
        EnrollmentStore store = newStore();
        for (String id : new String[] {"m", "b", "z", "a", "a-1", "b0"}) {
            store.putIndividual(individual(id));
        }
        store.putGroup(group("c"));

        EnrollmentStore reopened = reopen(store);
        assertThat(reopened.listIndividuals(null, 4)).extracting(IndividualEnrollment::registrationId)
                .containsExactly("a", "a-1", "b", "b0");
        assertThat(reopened.listIndividuals("b0", 4)).extracting(IndividualEnrollment::registrationId)
                .containsExactly("m", "z");
        assertThat(reopened.listIndividuals("b", 1)).extracting(IndividualEnrollment::registrationId).containsExactly("b0");
        assertThat(reopened.listIndividuals("zz", 4)).isEmpty();
        assertThat(reopened.listIndividuals("a", 0)).isEmpty();
    }

    @Test
    void listsEveryGroupInIdOrder() {
        EnrollmentStore store = newStore();
        for (String id : new String[] {"zeta", "alpha", "mu"}) {
            store.putGroup(group(id));
        }
        store.putIndividual(individual("beta"));

        assertThat(reopen(store).groups()).extracting(GroupEnrollment::groupId).containsExactly("alpha", "mu", "zeta");
    }
}
