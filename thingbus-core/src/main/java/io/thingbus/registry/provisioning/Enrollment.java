package io.thingbus.registry.provisioning;

import java.time.Instant;

/** An entry of the provisioning allow-list: one device ({@link IndividualEnrollment}) or many ({@link GroupEnrollment}). */
public sealed interface Enrollment permits IndividualEnrollment, GroupEnrollment {

    /** The registration id of an individual enrollment, the group id of a group. */
    String id();

    EnrollmentKind kind();

    EnrollmentKeys keys();

    EnrollmentSettings settings();

    Instant created();

    /** When its settings last changed. */
    Instant updated();
}
