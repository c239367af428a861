package io.thingbus.registry.auth;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.time.Instant;

/**
 * Checks a device's proof for registering with the hub's provisioning service, without registering it:
 * what {@link HubAuthenticator} asks when a client connects to provision itself over MQTT. The
 * provisioning service implements it (through a method reference, so this package does not depend on it).
 */
@FunctionalInterface
public interface RegistrationVerifier {

    /** Refuses every registration: a hub without provisioning. */
    RegistrationVerifier NONE = (registrationId, proof) -> {
        throw new ThingbusException(ErrorCode.BAD_CREDENTIALS, ErrorCode.BAD_CREDENTIALS.description());
    };

    /**
     * @param registrationId the id the client registers as (its client id)
     * @param proof          the SAS token it presented, {@code sr={idScope}/registrations/{registrationId}}
     * @return when the proof expires
     * @throws ThingbusException {@link ErrorCode#BAD_CREDENTIALS} for a proof no enrollment accepts (never saying
     *                           whether the registration id is enrolled), {@link ErrorCode#NOT_AUTHORIZED} for a
     *                           disabled enrollment, another code for an id that cannot be a registration id
     */
    Instant verify(String registrationId, String proof);
}
