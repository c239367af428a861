package io.thingbus.registry.provisioning;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.auth.SasToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers enrolled devices: the one method every provisioning front end (HTTP, MQTT) calls. See
 * {@link #register} for the rules; {@link #verify} checks a device's proof without registering it, and
 * {@link #registrationState} answers what an earlier registration gave.
 *
 * <p>Registrations serialize on this object (the registry's writes serialize anyway), which is what
 * makes "once" hold when the same registration id arrives twice at the same moment. Outcomes are
 * logged to {@code io.thingbus.events.provisioning}, never with a key or a token.
 */
public final class ProvisioningService {

    private static final Logger events = LoggerFactory.getLogger("io.thingbus.events.provisioning");

    /** The resource a registration token names: {@code {idScope}/registrations/{registrationId}}. */
    static final String REGISTRATIONS = "/registrations/";

    private final EnrollmentStore store;
    private final DeviceRegistry registry;
    private final PartitionAllocators allocators;
    private final Supplier<HubEndpoints> endpoints;
    private final Clock clock;

    /**
     * @param endpoints asked at every registration, so the composition root can answer with the ports
     *                  bound after this service was built
     */
    public ProvisioningService(EnrollmentStore store, DeviceRegistry registry, PartitionAllocators allocators,
                               Supplier<HubEndpoints> endpoints, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.allocators = allocators;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /**
     * Registers the device enrolled as {@code registrationId}.
     *
     * <ol>
     *   <li>{@code proof} is a SAS token whose {@code sr} is {@code {idScope}/registrations/{registrationId}}
     *       (any one-segment scope: a hub is its own provisioning service), not expired.</li>
     *   <li>An individual enrollment of that registration id must have signed it with one of its keys.
     *       Without one, every group enrollment is tried (groups are few): the token must be signed with
     *       a key derived from a group key. When several groups verify, the first by group id wins.</li>
     *   <li>The enrollment must be enabled.</li>
     *   <li>A registration id activates once: a second registration is refused unless the enrollment
     *       allows reprovisioning, in which case the device (recreated if it was deleted) gets its
     *       configuration anew, its keys unchanged.</li>
     *   <li>The device (the enrollment's device id, or the registration id) is created with the
     *       enrollment's keys (or the derived ones), tags and parent, in the partition of the
     *       enrollment's allocation policy. A device of that id that already exists must hold exactly
     *       those keys (it was created by an activation cut short before its registration was
     *       recorded), or the registration is refused.</li>
     * </ol>
     *
     * @throws ThingbusException {@link ErrorCode#BAD_CREDENTIALS} when the token is malformed, names another
     *                           registration, has expired or no enrollment's key signed it (one answer for an
     *                           unknown registration id and a wrong key, so ids cannot be probed);
     *                           {@link ErrorCode#NOT_AUTHORIZED} when the enrollment is disabled;
     *                           {@link ErrorCode#CONFLICT} for a second activation or a device id taken by another
     *                           device; {@link ErrorCode#BAD_REQUEST} for an invalid registration id or an
     *                           enrollment whose parent is not registered
     */
    public synchronized DeviceConfiguration register(String registrationId, String proof) {
        Attestation attestation = attest(registrationId, proof).attestation();
        Enrollment enrollment = attestation.enrollment();
        Optional<Registration> earlier = store.findRegistration(registrationId);
        if (earlier.isPresent() && !enrollment.settings().allowReprovisioning()) {
            events.info("[registration={}] refused: registered already as device '{}'", registrationId,
                    earlier.get().deviceId());
            throw new ThingbusException(ErrorCode.CONFLICT, "registration '" + registrationId + "' is registered already"
                    + " (device '" + earlier.get().deviceId() + "') and its enrollment does not allow reprovisioning");
        }
        Device device = existingOrNewDevice(attestation);
        Instant now = clock.instant();
        Registration registration = new Registration(registrationId, device.id(), device.partition(), enrollment.kind(),
                enrollment.id(), earlier.map(r -> r.assignments() + 1).orElse(1),
                earlier.map(Registration::created).orElse(now), now);
        store.putRegistration(registration);
        events.info("[registration={} device={}] {} through {} enrollment '{}', partition {}", registrationId, device.id(),
                registration.substatus(), enrollment.kind().wireName(), enrollment.id(), device.partition());
        return new DeviceConfiguration(registration, endpoints.get());
    }

    /**
     * Checks what {@link #register} checks before it registers anything: the token, the enrollment that
     * signed it, and that the enrollment is enabled. Registers nothing and does not look at earlier
     * registrations: a front end that keeps a connection (MQTT) verifies at connect and registers when asked.
     *
     * @return when the token expires
     * @throws ThingbusException as {@link #register}: {@link ErrorCode#BAD_CREDENTIALS}, {@link ErrorCode#NOT_AUTHORIZED}
     *                           or {@link ErrorCode#BAD_REQUEST} for an invalid registration id
     */
    public Instant verify(String registrationId, String proof) {
        return attest(registrationId, proof).token().expiresAt();
    }

    /**
     * The configuration of a registration id that has registered, as its last registration answered it
     * (with the hub's endpoints as they are now); empty when it never registered or was forgotten.
     */
    public Optional<DeviceConfiguration> registrationState(String registrationId) {
        return store.findRegistration(registrationId).map(registration -> new DeviceConfiguration(registration, endpoints.get()));
    }

    /** The enrollment that let a device in, and what the device becomes. */
    private record Attestation(Enrollment enrollment, String deviceId, String parentId, EnrollmentKeys deviceKeys) {
    }

    /** A token checked against an enabled enrollment. */
    private record Attested(SasToken token, Attestation attestation) {
    }

    /** Steps 1 to 3 of {@link #register}: a valid id, a valid token, an enrollment that signed it, enabled. */
    private Attested attest(String registrationId, String proof) {
        requireValidRegistrationId(registrationId);
        SasToken token = verifiedToken(registrationId, proof);
        Attestation attestation = attest(registrationId, token);
        Enrollment enrollment = attestation.enrollment();
        if (!enrollment.settings().isEnabled()) {
            events.info("[registration={}] refused: {} enrollment '{}' is disabled", registrationId,
                    enrollment.kind().wireName(), enrollment.id());
            throw new ThingbusException(ErrorCode.NOT_AUTHORIZED, "the " + enrollment.kind().wireName() + " enrollment of '"
                    + registrationId + "' is disabled");
        }
        return new Attested(token, attestation);
    }

    private static void requireValidRegistrationId(String registrationId) {
        try {
            Device.requireValidId(registrationId);
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a registration id is a device id: " + invalid.getMessage());
        }
    }

    private SasToken verifiedToken(String registrationId, String proof) {
        SasToken token;
        try {
            token = SasToken.parse(proof);
        } catch (IllegalArgumentException malformed) {
            throw refused(registrationId, malformed.getMessage());
        }
        String resource = token.resource();
        int scopeEnd = resource.indexOf('/');
        if (scopeEnd <= 0 || !resource.substring(scopeEnd).equals(REGISTRATIONS + registrationId)) {
            throw refused(registrationId, "the token's sr must be {idScope}" + REGISTRATIONS + registrationId);
        }
        if (token.isExpired(clock.instant())) {
            throw refused(registrationId, "the token expired at " + token.expiresAt());
        }
        return token;
    }

    private Attestation attest(String registrationId, SasToken token) {
        Optional<IndividualEnrollment> individual = store.findIndividual(registrationId);
        if (individual.isPresent()) {
            IndividualEnrollment enrollment = individual.get();
            if (!enrollment.keys().signed(token)) {
                throw notEnrolled(registrationId);
            }
            return new Attestation(enrollment, enrollment.deviceId(), enrollment.parentId(), enrollment.keys());
        }
        Attestation match = null;
        for (GroupEnrollment group : store.groups()) {
            EnrollmentKeys derived = group.keys().deriveFor(registrationId);
            if (derived.signed(token) && match == null) {
                match = new Attestation(group, registrationId, null, derived);
            }
        }
        if (match == null) {
            throw notEnrolled(registrationId);
        }
        return match;
    }

    private Device existingOrNewDevice(Attestation attestation) {
        Optional<Device> existing = registry.find(attestation.deviceId());
        if (existing.isEmpty()) {
            Enrollment enrollment = attestation.enrollment();
            int partition = allocators.forPolicy(enrollment.settings().allocationPolicy())
                    .allocate(attestation.deviceId(), enrollment.settings().tags());
            return registry.create(attestation.deviceId(), enrollment.settings().tags(), attestation.parentId(), partition,
                    attestation.deviceKeys().toDeviceCredentials());
        }
        if (!attestation.deviceKeys().matches(existing.get().credentials())) {
            throw new ThingbusException(ErrorCode.CONFLICT, "device id '" + attestation.deviceId()
                    + "' is taken by a device that does not hold this enrollment's keys");
        }
        return existing.get();
    }

    private static ThingbusException notEnrolled(String registrationId) {
        return refused(registrationId, "no enrollment accepts this token for registration '" + registrationId + "'");
    }

    private static ThingbusException refused(String registrationId, String reason) {
        events.info("[registration={}] refused: {}", registrationId, reason);
        return new ThingbusException(ErrorCode.BAD_CREDENTIALS, reason);
    }
}
