package io.thingbus.registry.provisioning;

import static io.thingbus.registry.provisioning.ProvisioningServiceTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.testing.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EnrollmentsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryEnrollmentStore store = new InMemoryEnrollmentStore();
    private final Enrollments enrollments = new Enrollments(store, clock, new SecureRandom());

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ThingbusException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void anIndividualEnrollmentWithoutKeysGetsTwoFreshOnesAndItsRegistrationIdAsDeviceId() {
        IndividualEnrollment enrollment = enrollments.createIndividual("reg-1", null, null, null, EnrollmentSettings.defaults());

        assertThat(Base64.getDecoder().decode(enrollment.keys().primaryKey())).hasSize(32);
        assertThat(enrollment.keys().primaryKey()).isNotEqualTo(enrollment.keys().secondaryKey());
        assertThat(enrollment.deviceId()).isEqualTo("reg-1");
        assertThat(enrollment.created()).isEqualTo(clock.instant()).isEqualTo(enrollment.updated());
        assertThat(store.findIndividual("reg-1")).contains(enrollment);
    }

    @Test
    void givenKeysAreKept() {
        EnrollmentKeys keys = new EnrollmentKeys(key('a'), key('b'));

        assertThat(enrollments.createIndividual("reg-1", "dev-1", null, keys, EnrollmentSettings.defaults()).keys())
                .isEqualTo(keys);
        assertThat(enrollments.createGroup("badges", keys, EnrollmentSettings.defaults()).keys()).isEqualTo(keys);
    }

    @Test
    void aTakenIdIsAConflictAndAnInvalidOneABadRequest() {
        enrollments.createIndividual("reg-1", null, null, null, EnrollmentSettings.defaults());
        enrollments.createGroup("badges", null, EnrollmentSettings.defaults());

        assertRefused(() -> enrollments.createIndividual("reg-1", null, null, null, EnrollmentSettings.defaults()),
                ErrorCode.CONFLICT);
        assertRefused(() -> enrollments.createGroup("badges", null, EnrollmentSettings.defaults()), ErrorCode.CONFLICT);
        assertRefused(() -> enrollments.createIndividual("a/b", null, null, null, EnrollmentSettings.defaults()),
                ErrorCode.BAD_REQUEST);
        assertRefused(() -> enrollments.createIndividual("reg-2", "x#y", null, null, EnrollmentSettings.defaults()),
                ErrorCode.BAD_REQUEST);
        assertRefused(() -> enrollments.createGroup("", null, EnrollmentSettings.defaults()), ErrorCode.BAD_REQUEST);
    }

    @Test
    void updatesChangeSettingsAndTheUpdateTimeOnly() {
        IndividualEnrollment created = enrollments.createIndividual("reg-1", null, null, null,
                new EnrollmentSettings(Map.of("a", "b"), EnrollmentStatus.ENABLED, false, AllocationPolicy.LEAST_LOADED));
        clock.advance(Duration.ofMinutes(1));

        IndividualEnrollment updated = enrollments.updateIndividual("reg-1",
                settings -> settings.withStatus(EnrollmentStatus.DISABLED).withAllowReprovisioning(true));

        assertThat(updated.settings()).isEqualTo(new EnrollmentSettings(Map.of("a", "b"), EnrollmentStatus.DISABLED, true,
                AllocationPolicy.LEAST_LOADED));
        assertThat(updated.keys()).isEqualTo(created.keys());
        assertThat(updated.created()).isEqualTo(created.created());
        assertThat(updated.updated()).isEqualTo(clock.instant());
        assertThat(enrollments.requireIndividual("reg-1")).isEqualTo(updated);

        enrollments.createGroup("badges", null, EnrollmentSettings.defaults());
        assertThat(enrollments.updateGroup("badges", settings -> settings.withStatus(EnrollmentStatus.DISABLED))
                .settings().isEnabled()).isFalse();
    }

    @Test
    void unknownEnrollmentsAndRegistrationsAreNotFound() {
        assertRefused(() -> enrollments.requireIndividual("nope"), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.requireGroup("nope"), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.updateIndividual("nope", settings -> settings), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.updateGroup("nope", settings -> settings), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.removeIndividual("nope"), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.removeGroup("nope"), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.requireRegistration("nope"), ErrorCode.NOT_FOUND);
        assertRefused(() -> enrollments.removeRegistration("nope"), ErrorCode.NOT_FOUND);
    }

    @Test
    void removingForgets() {
        enrollments.createIndividual("reg-1", null, null, null, EnrollmentSettings.defaults());
        enrollments.createGroup("badges", null, EnrollmentSettings.defaults());
        store.putRegistration(new Registration("reg-1", "reg-1", 0, EnrollmentKind.INDIVIDUAL, "reg-1", 1,
                clock.instant(), clock.instant()));

        enrollments.removeIndividual("reg-1");
        enrollments.removeGroup("badges");
        enrollments.removeRegistration("reg-1");

        assertThat(enrollments.listIndividuals(null, 10)).isEmpty();
        assertThat(enrollments.groups()).isEmpty();
        assertThat(store.findRegistration("reg-1")).isEmpty();
    }
}
